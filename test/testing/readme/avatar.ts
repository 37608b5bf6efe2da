// avatar.ts: the code under test
import type Replicate from "../../../src/index";

export async function createAvatar(replicate: Replicate, name: string) {
  const [image] = await replicate.run("black-forest-labs/flux-schnell", {
    input: { prompt: `a friendly avatar for ${name}`, num_outputs: 1 },
  });
  return { url: String(image), bytes: (await image.blob()).size };
}

export async function greet(replicate: Replicate, name: string) {
  let text = "";
  for await (const event of replicate.stream("meta/meta-llama-3-8b-instruct", {
    input: { prompt: `Greet ${name}` },
  })) {
    text += event; // output events stringify to their text, other events to ""
  }
  return text;
}
