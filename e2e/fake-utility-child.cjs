// The child side of fake-electron's utilityProcess.fork: gives the worker script the `process.parentPort` an Electron
// utility process has (over Node's IPC channel), then runs it. Usage: node fake-utility-child.cjs WORKER_PATH
'use strict';
const { EventEmitter } = require('node:events');

const port = new EventEmitter();
port.postMessage = (m) => process.send(m);
process.on('message', (m) => port.emit('message', { data: m }));
process.parentPort = port;
require(process.argv[2]);
