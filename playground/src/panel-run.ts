/** The Run panel: what the last run built and predicted (it follows the Run button, not every edit). */
import type { Analysis } from './analysis.js';
import { errorText, h, message } from './dom.js';
import type { BackendChoice, RunReport } from './run.js';
import type { Panel } from './tabs.js';

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US')} ms`;

function reportView(r: RunReport, fileName: string): HTMLElement {
  const row = (term: string, ...values: (string | HTMLElement)[]) => [h('dt', {}, term), h('dd', { 'data-field': term.toLowerCase() }, ...values)];
  const tensors = (ts: RunReport['outputs']) => ts.map((t) => h('div', {}, `${t.name}: ${shapeText(t.shape)} ${t.dtype}`));
  return h(
    'div',
    { class: 'run' },
    h('p', { class: 'message' }, `Built ${fileName} with tfjs and predicted on a random batch.`),
    h(
      'dl',
      {},
      ...row('Backend', r.backend),
      ...row('Parameters', r.params.toLocaleString('en-US')),
      ...row('Inputs', ...tensors(r.inputs)),
      ...row('Outputs', ...tensors(r.outputs)),
      ...row('Sample', r.sample.map((x) => x.toPrecision(4)).join(', ')),
      ...row('Build', ms(r.buildMs)),
      ...row('Predict', ms(r.predictMs)),
    ),
  );
}

export const runPanel: Panel = { id: 'run', title: 'Run', placeholder: 'Run ▶ builds the model with tfjs in this page and predicts on a random batch.' };

/** Runs the model of `analysis`, reporting into the Run panel's `body`. */
export async function runInto(body: HTMLElement, analysis: Analysis, choice: BackendChoice): Promise<void> {
  body.replaceChildren(message(`Loading tfjs and building ${analysis.input.fileName}…`));
  try {
    const { runModel } = await import('./run.js');
    body.replaceChildren(reportView(await runModel(analysis, choice), analysis.input.fileName));
  } catch (e) {
    // buildModel's KspecError carries the diagnostics; its message lists the errors.
    const errors = (e as { diagnostics?: unknown }).diagnostics;
    const lead = Array.isArray(errors) && errors.length > 0 ? 'The spec has errors (see Diagnostics):' : 'The model did not run:';
    body.replaceChildren(message(lead), message(e instanceof Error ? e.message : errorText(e), true));
  }
}
