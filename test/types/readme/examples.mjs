// @ts-check
// The README of replicate@1.4.0, its ESM and reference snippets, each verbatim in its own block.
// (The Hono webhook server is left out: it has a syntax error in the README itself and does not
// use this package.)
import Replicate from "replicate";
import { validateWebhook } from "replicate";
import { NextResponse } from "next/server";
import fs from "node:fs/promises";
import fetch from "cross-fetch";

// The variables the README's reference section leaves to the reader (scaffolding, not README text).
/** @type {`${string}/${string}:${string}`} */ let identifier;
/** @type {(prediction: import("replicate").Prediction) => void} */ let progress;
/** @type {string} */ let model_owner, model_name, version_id, query, collection_slug, prediction_id, training_id;
/** @type {string} */ let deployment_owner, deployment_name, deploymentOwner, deploymentName, file_id, route;
/** @type {Blob} */ let file;
/** @type {Record<string, unknown>} */ let metadata;
/** @type {{ method?: string, params?: Record<string, unknown> }} */ let parameters;
// Each reference entry documents a different `options` table; the snippets pass it through.
/** @type {any} */ let options;

const replicate = new Replicate({
  // get your token from https://replicate.com/account/api-tokens
  auth: "my api token", // defaults to process.env.REPLICATE_API_TOKEN
});

{
  const model = "nightmareai/real-esrgan:42fed1c4974146d4d2414e2be2c5277c7fcf05fcc3a73abf41610695738c1d7b";
  const input = {
    image: await fs.readFile("path/to/image.png"),
  };
  const output = await replicate.run(model, { input });
}

// Next.js webhook route
export async function POST(request) {
  const secret = process.env.REPLICATE_WEBHOOK_SIGNING_SECRET;
  if (!secret) {
    console.log("Skipping webhook validation. To validate webhooks, set REPLICATE_WEBHOOK_SIGNING_SECRET")
    const body = await request.json();
    console.log(body);
    return NextResponse.json({ detail: "Webhook received (but not validated)" }, { status: 200 });
  }
  const webhookIsValid = await validateWebhook(request.clone(), secret);
  if (!webhookIsValid) {
    return NextResponse.json({ detail: "Webhook is invalid" }, { status: 401 });
  }
  // process validated webhook here...
  console.log("Webhook is valid!");
  const body = await request.json();
  console.log(body);
  return NextResponse.json({ detail: "Webhook is valid" }, { status: 200 });
}

{
  const requestData = {
    id: "123", // the `Webhook-Id` header
    timestamp: "0123456", // the `Webhook-Timestamp` header
    signature: "xyz", // the `Webhook-Signature` header
    body: "{...}", // the request body as a string, ArrayBuffer or ReadableStream
    secret: "shhh", // the webhook secret, obtained from the `replicate.webhooks.defaul.secret` endpoint
  };
  const webhookIsValid = await validateWebhook(requestData);
}

{
  const replicate = new Replicate({ fetch });
}

{
  const customFetch = (url, options) => {
    const headers = options && options.headers ? { ...options.headers } : {};
    headers["X-Custom-Header"] = "some value";
    console.log("fetch", { url, ...options, headers });
    return fetch(url, { ...options, headers });
  };
  const replicate = new Replicate({ fetch: customFetch });
}

{
  const output = await replicate.run(identifier, options, progress);
}

{
  const model = "stability-ai/sdxl:8beff3369e81422112d93b89ca01426147de542cd4684c244b673b105188fe5f";
  const input = { prompt: "a 19th century portrait of a raccoon gentleman wearing a suit" };
  const output = await replicate.run(model, { input });
}

{
  const model = "stability-ai/sdxl:8beff3369e81422112d93b89ca01426147de542cd4684c244b673b105188fe5f";
  const input = { prompt: "a 19th century portrait of a raccoon gentleman wearing a suit" };
  const onProgress = (prediction) => {
    const last_log_line = prediction.logs.split("\n").pop()
    console.log({id: prediction.id, log: last_log_line})
  }
  const output = await replicate.run(model, { input }, onProgress)
}

{
  const model = "meta/llama-2-70b-chat";
  const options = {
    input: {
      prompt: "Write a poem about machine learning in the style of Mary Oliver.",
    },
    // webhook: "https://smee.io/dMUlmOMkzeyRGjW" // optional
  };
  const output = [];
  for await (const { event, data } of replicate.stream(model, options)) {
    if (event === "output") {
      output.push(data);
    }
  }
  console.log(output.join("").trim());
}

{ const response = await replicate.models.get(model_owner, model_name); }
{ const response = await replicate.models.list(); }
{ const response = await replicate.models.search(query); }
{ const response = await replicate.models.create(model_owner, model_name, options); }
{ const response = await replicate.hardware.list() }
{ const response = await replicate.models.versions.list(model_owner, model_name); }
{ const response = await replicate.models.versions.get(model_owner, model_name, version_id); }
{ const response = await replicate.collections.get(collection_slug); }
{ const response = await replicate.predictions.create(options); }

{
  const prediction = await replicate.predictions.create({ model: "meta/llama-2-70b-chat", input: {}, stream: true });
  if (prediction && prediction.urls && prediction.urls.stream) {
    const source = new EventSource(prediction.urls.stream, { withCredentials: true });
    source.addEventListener("output", (e) => {
      console.log("output", e.data);
    });
  }
}

{ const response = await replicate.predictions.get(prediction_id); }
{ const response = await replicate.predictions.cancel(prediction_id); }
{ const response = await replicate.predictions.list(); }
{ const response = await replicate.trainings.create(model_owner, model_name, version_id, options); }
{ const response = await replicate.trainings.get(training_id); }
{ const response = await replicate.trainings.cancel(training_id); }
{ const response = await replicate.trainings.list(); }
{ const response = await replicate.deployments.predictions.create(deployment_owner, deployment_name, options); }
{ const response = await replicate.deployments.list(); }
{ const response = await replicate.deployments.create(options); }
{ const response = await replicate.deployments.update(deploymentOwner, deploymentName, options); }
{ const response = await replicate.files.create(file, metadata); }
{ const response = await replicate.files.list(); }
{ const response = await replicate.files.get(file_id); }
{ const response = await replicate.files.delete(file_id); }

{
  // iterate over paginated results in a for loop
  for await (const page of replicate.paginate(replicate.predictions.list)) {
    /* do something with page of results */
  }
  // iterate over paginated results one at a time
  let paginator = replicate.paginate(replicate.predictions.list);
  const page1 = await paginator.next();
  const page2 = await paginator.next();
}

{ const response = await replicate.request(route, parameters); }

{
  let replicate = new Replicate({/*...*/})
  replicate.fetch = (url, options) => {
    return fetch(url, { ...options, cache: "no-store" });
  };
}
