import { prepareDatabase } from "../lib/services/prepare-database";
import { startTrainingJob } from "../lib/services/recs/training";
import { loadServingModels } from "../lib/services/recs/serving";
await prepareDatabase({ seedIfEmpty: false });
const t = performance.now();
const { done } = await startTrainingJob();
await done;
const m = (await loadServingModels())!;
console.log(`with tuning: ${((performance.now() - t) / 1000).toFixed(1)} s`, JSON.stringify(m.stored.fitSeconds), JSON.stringify(Object.fromEntries(Object.entries(m.stored.tuned).map(([k, v]) => [k, v!.options]))));
