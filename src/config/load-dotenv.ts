import { existsSync } from 'node:fs';

// Imported first by every entry point (server, CLI, TypeORM CLI) so that `.env` is in
// process.env before anything reads it. Real environment variables win over the file.
if (existsSync('.env')) process.loadEnvFile('.env');
