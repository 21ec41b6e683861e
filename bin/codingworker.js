#!/usr/bin/env node
// The installed command runs the built CLI (`npm run build` makes out/main/cli.js).
import '../out/main/cli.js';
