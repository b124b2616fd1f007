import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCommandLine, type Command } from '../../server/src/command-line';

describe('command line', () => {
  const accepted: Array<{ args: string[]; command: Command }> = [
    { args: ['--stdio'], command: { kind: 'serve', transport: { kind: 'stdio' } } },
    { args: ['--node-ipc'], command: { kind: 'serve', transport: { kind: 'node-ipc' } } },
    {
      args: ['--socket=5007'],
      command: { kind: 'serve', transport: { kind: 'socket', port: 5007 } },
    },
    {
      args: ['--socket', '65535'],
      command: { kind: 'serve', transport: { kind: 'socket', port: 65535 } },
    },
    { args: ['--socket=1'], command: { kind: 'serve', transport: { kind: 'socket', port: 1 } } },
    {
      args: ['--pipe=/tmp/editor.sock'],
      command: { kind: 'serve', transport: { kind: 'pipe', name: '/tmp/editor.sock' } },
    },
    {
      args: ['--pipe', 'a=b'],
      command: { kind: 'serve', transport: { kind: 'pipe', name: 'a=b' } },
    },
    {
      args: ['--node-ipc', '--clientProcessId=4242'],
      command: { kind: 'serve', transport: { kind: 'node-ipc' } },
    },
    {
      args: ['--clientProcessId', '4242', '--stdio'],
      command: { kind: 'serve', transport: { kind: 'stdio' } },
    },
    { args: ['--stdio', '--bogus', '--help'], command: { kind: 'help' } },
    { args: ['-h'], command: { kind: 'help' } },
    { args: ['--socket=abc', '--version'], command: { kind: 'version' } },
  ];

  for (const { args, command } of accepted) {
    test(`accepts ${args.join(' ')}`, () => {
      assert.deepEqual(parseCommandLine(args), command);
    });
  }

  const rejected: Array<{ args: string[]; message: RegExp }> = [
    { args: [], message: /^missing transport\. Pass --stdio, --node-ipc/ },
    { args: ['--clientProcessId=4242'], message: /^missing transport\./ },
    { args: ['--stdio', '--node-ipc'], message: /^more than one transport\./ },
    { args: ['--stdio', '--stdio'], message: /^more than one transport\./ },
    { args: ['--stdio', '--bogus'], message: /^unknown option "--bogus"\.$/ },
    { args: ['--stdio', '--bogus=1'], message: /^unknown option "--bogus=1"\.$/ },
    { args: ['--stdio', 'schema.xml'], message: /^unexpected argument "schema\.xml"\./ },
    { args: ['--stdio=yes'], message: /^option --stdio takes no value, but got "--stdio=yes"\.$/ },
    { args: ['--socket=abc'], message: /^invalid port "abc"\. Pass --socket=PORT with a port/ },
    { args: ['--socket='], message: /^missing port\./ },
    { args: ['--socket'], message: /^missing port\./ },
    { args: ['--socket=0'], message: /^invalid port "0"\./ },
    { args: ['--socket=65536'], message: /^invalid port "65536"\./ },
    { args: ['--socket=99999'], message: /^invalid port "99999"\./ },
    { args: ['--socket=-5'], message: /^invalid port "-5"\./ },
    { args: ['--socket=5e3'], message: /^invalid port "5e3"\./ },
    { args: ['--socket= 80'], message: /^invalid port " 80"\./ },
    { args: ['--pipe='], message: /^missing pipe name\./ },
    { args: ['--pipe'], message: /^missing pipe name\./ },
    { args: ['--stdio', '--clientProcessId=x'], message: /^invalid process id "x"\./ },
    { args: ['--stdio', '--clientProcessId'], message: /^invalid process id ""\./ },
    { args: ['--stdio', '--clientProcessId=0'], message: /^invalid process id "0"\./ },
  ];

  for (const { args, message } of rejected) {
    test(`rejects ${args.length === 0 ? 'no arguments' : args.join(' ')}`, () => {
      const command = parseCommandLine(args);

      assert.equal(command.kind, 'usage-error');
      assert.match((command as { message: string }).message, message);
    });
  }
});
