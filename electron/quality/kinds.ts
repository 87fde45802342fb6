/** Which kind of model output is checked: each has its own length, format and grounding rules. */
export type OutputKind = 'knowledge' | 'intro' | 'followup' | 'chat';
