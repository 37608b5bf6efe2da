// @ts-check
// The README of replicate@1.4.0, its CommonJS snippets, each verbatim in its own block. Snippets
// that `await` sit in an async function: CommonJS has no top-level await.
const Replicate = require("replicate");

async function readme() {
  {
    const replicate = new Replicate({
      // get your token from https://replicate.com/account/api-tokens
      auth: "my api token", // defaults to process.env.REPLICATE_API_TOKEN
    });
    const model = "stability-ai/stable-diffusion:27b93a2413e7f36cd83da926f3656280b2931564ff050bf9575f1fdf9bcd7478";
    const input = {
      prompt: "a 19th century portrait of a raccoon gentleman wearing a suit",
    };
    const output = await replicate.run(model, { input });
    let prediction = await replicate.predictions.create({
      version: "27b93a2413e7f36cd83da926f3656280b2931564ff050bf9575f1fdf9bcd7478",
      input: {
        prompt: "painting of a cat by andy warhol",
      },
    });
    prediction = await replicate.predictions.get(prediction.id);
    prediction = await replicate.wait(prediction);
    console.log(prediction.output);
  }
  {
    const replicate = new Replicate();
    const fs = require("node:fs/promises");
    const model = "nightmareai/real-esrgan:42fed1c4974146d4d2414e2be2c5277c7fcf05fcc3a73abf41610695738c1d7b";
    const input = {
      image: await fs.readFile("path/to/image.png"),
    };
    const output = await replicate.run(model, { input });
  }
  {
    const replicate = new Replicate();
    const input = {
      image: "https://replicate.delivery/pbxt/KWDkejqLfER3jrroDTUsSvBWFaHtapPxfg4xxZIqYmfh3zXm/Screenshot%202024-02-28%20at%2022.14.00.png",
      denoising_strength: 0.5,
      instant_id_strength: 0.8
    };
    const callbackURL = `https://my.app/webhooks/replicate`;
    await replicate.predictions.create({
      version: "19deaef633fd44776c82edf39fd60e95a7250b8ececf11a725229dc75a81f9ca",
      input: input,
      webhook: callbackURL,
      webhook_events_filter: ["completed"],
    });
  }
  {
    const fetch = require("fetch");
    const replicate = new Replicate({ fetch });
  }
}
void readme;
