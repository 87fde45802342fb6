import { useEffect, useState } from 'react';
import { call } from '../../lib/ipc';
import { useApp } from '../../store/app';
import { suggestionsFrom } from './suggestions';

/** An empty conversation offers questions drawn from the vault report (`vault:report`) the assistant answers from. */
export function Suggestions() {
  const [questions, setQuestions] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    call('vault:report', {}).then(
      (r) => live && setQuestions(suggestionsFrom(r)),
      () => live && setQuestions(suggestionsFrom(null)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (!questions) return null;
  return (
    <div className="suggestions" role="group" aria-label="Suggested questions">
      {questions.map((q) => (
        <button key={q} type="button" className="suggestion" onClick={() => void useApp.getState().ask(q)}>
          {q}
        </button>
      ))}
    </div>
  );
}
