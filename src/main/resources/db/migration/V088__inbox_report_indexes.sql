-- The reports (insights) read a period's conversations by their start; the wallboard's "answered today" reads them by
-- their assignment (QueueFigures); the first public staff reply of each conversation is the answer the wait ends at.
CREATE INDEX conversations_created ON conversations (created_at, service_id);
CREATE INDEX conversations_assigned ON conversations (service_id, assigned_at) WHERE assigned_at IS NOT NULL;
CREATE INDEX messages_first_reply ON messages (conversation_id, created_at) WHERE author_kind = 'agent' AND NOT internal;
