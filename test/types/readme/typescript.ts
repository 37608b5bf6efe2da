// The README of replicate@1.4.0, its TypeScript snippet, verbatim.
import Replicate, { type Prediction } from 'replicate';
const replicate = new Replicate();
const model = "black-forest-labs/flux-schnell";
const prompt = "a 19th century portrait of a raccoon gentleman wearing a suit";
function onProgress(prediction: Prediction) {
console.log({ prediction });
}
const output = await replicate.run(model, { input: { prompt } }, onProgress)
console.log({ output })
