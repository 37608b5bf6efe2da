// `npm run demo`: runs an image model with a progress bar drawn from its logs, then streams a
// language model's answer token by token. Against the embedded fake when REPLICATE_API_TOKEN is
// unset (offline, on a fresh clone), against the real API with real models when it is set.
import Replicate, { parseProgressFromLogs } from "../dist/index.js";
import { startFake } from "./fake-models.mjs";

const token = process.env.REPLICATE_API_TOKEN;
let replicate;
let models;
if (token) {
  replicate = new Replicate({ auth: token });
  models = { image: "black-forest-labs/flux-schnell", language: "meta/meta-llama-3-8b-instruct" };
  console.log("Using the Replicate API (REPLICATE_API_TOKEN is set).\n");
} else {
  const started = startFake();
  replicate = new Replicate({ auth: "r8_demo", fetch: started.fake.fetch });
  models = started.models;
  console.log("Using the embedded fake from replicate/testing (set REPLICATE_API_TOKEN to use the real API).\n");
}

const tty = process.stdout.isTTY;

function drawBar(prediction) {
  const progress = parseProgressFromLogs(prediction);
  const percent = progress ? progress.percentage : prediction.status === "succeeded" ? 1 : 0;
  const width = 30;
  const filled = Math.round(percent * width);
  const counts = progress ? ` ${progress.current}/${progress.total}` : "";
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.round(percent * 100)).padStart(3)}%${counts} ${prediction.status}`;
}

async function runImage() {
  console.log(`1. replicate.run("${models.image}")`);
  let last = "";
  const output = await replicate.run(
    models.image,
    { input: { prompt: "a lighthouse at dawn, watercolor" }, wait: { mode: "poll", interval: 200 } },
    (prediction) => {
      const line = drawBar(prediction);
      if (line === last) return;
      last = line;
      // Redraw in place on a terminal; one line per change when piped.
      process.stdout.write(tty ? `\r${line}` : `${line}\n`);
    },
  );
  if (tty) process.stdout.write("\n");
  for (const file of [output].flat()) {
    const blob = await file.blob();
    console.log(`   output: ${file.url()} (${blob.size} bytes, ${blob.type})`);
  }
}

async function streamText() {
  console.log(`\n2. replicate.stream("${models.language}")\n`);
  const input = { prompt: "In two sentences, what is Replicate?", max_tokens: 128 };
  let tokens = 0;
  process.stdout.write("   ");
  for await (const event of replicate.stream(models.language, { input })) {
    if (event.event !== "output") continue;
    tokens++;
    process.stdout.write(String(event));
  }
  console.log(`\n\n   (${tokens} tokens streamed)`);
}

try {
  await runImage();
  await streamText();
} catch (error) {
  console.error(`\nDemo failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
