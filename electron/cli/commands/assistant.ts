import type { AskOutcome } from '../../usecases';
import { disposeRuntimesLater } from '../lazy-runtime';
import type { RegisterCommands } from './types';

// `bastion ask QUESTION [--model PATH] [--no-llm] [--trace-prompts FILE]` and `bastion history clear|off|on`.

interface AskFlags {
  model?: string;
  llm?: boolean;
  tracePrompts?: string;
  conversation?: string;
}

export const registerAssistant: RegisterCommands = (program, run) => {
  program
    .command('ask')
    .description('ask about your vault or about security; answers come from the hygiene engine and the knowledge base, phrased by the local model')
    .argument('<question...>', 'the question (quote it, or just type the words)')
    .option('--model <path>', 'GGUF chat model to use (default: BASTION_MODEL, then `models use`)')
    .option('--no-llm', 'answer vault and knowledge questions from templates, without a model')
    .option('--trace-prompts <file>', 'append every exact prompt sent to the model to FILE (JSON lines)')
    .option('--conversation <id>', 'continue a conversation (chat turns see its history)')
    .action(
      run(async ({ cli, uc, ctx }, words: string[], flags: AskFlags) => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        // Stream text as it comes when a person is watching; JSON output waits for the whole result.
        const streaming = !cli.json && Boolean(process.stdout.isTTY);
        try {
          const result = await uc.assistant.ask(ctx, {
            question: words.join(' '),
            ...(flags.model !== undefined ? { model: flags.model } : {}),
            ...(flags.llm === false ? { noLlm: true } : {}),
            ...(flags.tracePrompts !== undefined ? { tracePromptsFile: flags.tracePrompts } : {}),
            ...(flags.conversation !== undefined ? { conversationId: flags.conversation } : {}),
            signal: controller.signal,
            ...(streaming ? { onToken: (d: string) => cli.write(d) } : {}),
          });
          if (streaming) cli.write('\n');
          if (!streaming) cli.print(result, () => formatAnswer(result));
          else if (result.proposals.length || result.citations.length || result.fallback) cli.write(`${formatExtras(result)}\n`);
        } finally {
          process.off('SIGINT', stop);
          await disposeRuntimesLater();
        }
      }),
    );

  const history = program.command('history').description('local chat history');
  history
    .command('clear')
    .description('delete every stored conversation')
    .action(
      run(({ cli, uc, ctx }) => {
        const deleted = uc.conversations.clear(ctx).messages;
        cli.print({ deleted }, () => `Deleted ${deleted} stored message${deleted === 1 ? '' : 's'}.`);
      }),
    );
  for (const [name, on] of [['on', true], ['off', false]] as const) {
    history
      .command(name)
      .description(on ? 'store new conversations (the default)' : 'stop storing conversations (existing ones stay until `history clear`)')
      .action(
        run(({ cli, uc, ctx }) => {
          const now = uc.assistant.setHistory(ctx, on);
          cli.print({ history: now ? 'on' : 'off' }, () => `Chat history is ${now ? 'on' : 'off'}.`);
        }),
      );
  }
};

function formatAnswer(r: AskOutcome): string {
  const extras = formatExtras(r);
  return extras ? `${r.answer}\n${extras}` : r.answer;
}

function formatExtras(r: AskOutcome): string {
  const out: string[] = [];
  if (r.fallback) out.push(`Note: ${r.fallback.message}`);
  // The answer cites [n]; the sources are listed here once (the answer text never lists them itself).
  if (r.citations.length) out.push(`Sources: ${r.citations.map((c, i) => `[${i + 1}] ${c.title}`).join('; ')}`);
  for (const p of r.proposals) out.push(`Proposal ${p.id}: ${p.action} ${JSON.stringify(p.args)} [${p.risk}${p.tainted ? ', tainted' : ''}] — review with \`bastion confirm ${p.id}\``);
  return out.join('\n');
}
