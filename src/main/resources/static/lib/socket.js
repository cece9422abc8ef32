// A WebSocket to this server that comes back after a drop: the delay doubles from minDelay up to
// maxDelay and starts again at minDelay once connected; frames are parsed as JSON (anything else is
// dropped). Pages resume through the hooks, as each knows what it missed: onOpen({ reconnected }) on every
// connection (the console asks for the messages after the last seq it saw), or the server's own first
// frame ("hello") in onFrame. A close with one of the `final` codes (4401: signed out, token no longer
// valid) is not retried: onEnd is called instead of onDown.

export function openSocket(path, {
  onFrame, onOpen, onDown, onEnd, final = [4401], minDelay = 1000, maxDelay = 15000,
} = {}) {
  let ws = null;
  let delay = minDelay;
  let connectedBefore = false;
  let stopped = false;
  let timer = null;

  function connect() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    ws = new WebSocket(`${proto}//${location.host}${path}`);
    ws.addEventListener('open', () => {
      delay = minDelay;
      onOpen?.({ reconnected: connectedBefore });
      connectedBefore = true;
    });
    ws.addEventListener('message', (e) => {
      let frame;
      try { frame = JSON.parse(e.data); } catch { return; }
      onFrame?.(frame);
    });
    ws.addEventListener('close', (e) => {
      if (stopped) return;
      if (final.includes(e.code)) {
        stopped = true;
        onEnd?.(e);
        return;
      }
      onDown?.(e);
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxDelay);
    });
  }

  connect();
  return {
    /** Sends a frame as JSON if the socket is open; says whether it was sent. */
    send(frame) {
      if (ws?.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    },
    /** Closes for good: no reconnection, no more hooks. */
    close() {
      stopped = true;
      clearTimeout(timer);
      try { ws?.close(); } catch { /* already closing */ }
    },
  };
}
