import { useState } from 'react';
import { useApp } from '../../store/app';
import { ImportForm } from '../import/ImportForm';
import { ModelList } from '../settings/ModelList';

/** First run: import a vault, then pick or import a model (or go on without one). */
export function FirstRun() {
  const [step, setStep] = useState<1 | 2>(1);
  const [imported, setImported] = useState(false);
  const finish = () => {
    const s = useApp.getState();
    s.setFirstRun(false);
    s.go('dashboard');
  };
  return (
    <section aria-labelledby="fr-title" className="firstrun">
      <h1 id="fr-title" tabIndex={-1}>
        Welcome to Bastion
      </h1>
      <p>Everything stays on this computer: your vault is analysed here, passwords are never stored, and the assistant runs locally.</p>
      <ol className="steps" aria-label="Setup steps">
        <li aria-current={step === 1 ? 'step' : undefined}>
          <span className="step-n" aria-hidden="true">1</span> Import a vault
        </li>
        <li aria-current={step === 2 ? 'step' : undefined}>
          <span className="step-n" aria-hidden="true">2</span> Choose a model
        </li>
      </ol>
      {step === 1 ? (
        <>
          <ImportForm onImported={() => setImported(true)} />
          <div className="buttons">
            {imported ? (
              <button type="button" className="primary" onClick={() => setStep(2)}>
                Next: choose a model
              </button>
            ) : (
              <button type="button" className="ghost" onClick={finish}>
                Skip for now
              </button>
            )}
          </div>
        </>
      ) : (
        <div className="stack">
          <h2>Choose a model</h2>
          <p>Pick a recommended model to download, import a GGUF file you already have, or continue without one (vault and knowledge answers still work).</p>
          <ModelList />
          <div className="buttons">
            <button type="button" className="primary" onClick={finish}>
              Continue to vault health
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
