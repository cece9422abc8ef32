// Loaded by the staff shell as a file (the Content-Security-Policy runs no inline script): adds the form
// token to every htmx request.
import { protectHtmx } from './csrf.js';
protectHtmx();
