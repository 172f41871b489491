import type express from 'express';
import type { ConsoleDeps } from '../app.js';

// Placeholder: the helper building this page replaces this file.
export function registerBank(_app: express.Express, _deps: ConsoleDeps): void {}
