// Models for the embedded fake: stand-ins for an image model and a language model, shaped like
// the real ones the demo uses (an array of image files; a stream of text tokens).
import { createFakeReplicate } from "../dist/testing.js";

// A 1x1 PNG, so the "image" is a real file.
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const ANSWER =
  "Replicate runs machine-learning models in the cloud. This answer comes from the embedded fake " +
  "in replicate/testing, one token at a time, with no network and no token.";

/** Starts the fake and registers the demo's two models; returns the fake and the model names. */
export function startFake() {
  const fake = createFakeReplicate();
  fake.model("demo/image", async (input, context) => {
    const steps = input.num_inference_steps ?? 20;
    context.log(`Generating ${JSON.stringify(input.prompt)}`);
    for (let step = 1; step <= steps; step++) {
      await context.sleep(2000 / steps);
      context.progress(step, steps);
    }
    return [new Blob([PNG], { type: "image/png" })];
  });
  fake.model("demo/language", async function* (_input, context) {
    for (const token of ANSWER.split(/(?= )/)) {
      await context.sleep(40);
      yield token;
    }
  });
  return { fake, models: { image: "demo/image", language: "demo/language" } };
}
