// `run()` whose output is a 50 MiB file, then `blob()` on it, against fetching the same prediction
// and file by hand and collecting the body. The create request is timed too, for every variant,
// because 1.4.0 starts the download as soon as run() returns.
import { FILE_BYTES } from "../fixtures.mjs";
import { apiHeaders, check, medianOfBlocks, repeat } from "../measure.mjs";

const WARMUP = 1;
const DOWNLOADS = 3;

async function perDownload(download) {
  const once = async () => {
    const blob = await download();
    check("blob size", blob.size, FILE_BYTES);
    check("blob type", blob.type, "application/octet-stream");
  };
  await repeat(WARMUP, once);
  return medianOfBlocks(DOWNLOADS, once);
}

function viaRun(replicate) {
  return async () => {
    const output = await replicate.run("bench/file", { input: { prompt: "hi" } });
    return output.blob();
  };
}

export const ours = ({ client }) => perDownload(viaRun(client()));
export const v1 = ({ client }) => perDownload(viaRun(client()));

export function raw({ origin, auth }) {
  const headers = apiHeaders(auth);
  return perDownload(async () => {
    const created = await fetch(`${origin}/v1/models/bench/file/predictions`, {
      method: "POST",
      headers: { ...headers, Prefer: "wait" },
      body: JSON.stringify({ input: { prompt: "hi" } }),
    });
    const prediction = JSON.parse(await created.text());
    const response = await fetch(prediction.output);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.blob();
  });
}
