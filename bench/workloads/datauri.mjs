// An 8 MiB file input sent inline (fileEncodingStrategy "data-uri"): encode, serialize, POST,
// parse the answer. The raw baseline is Buffer's native base64 plus the same POST.
import { DATA_URI_BYTES, pseudoRandomBytes, VERSION_ID } from "../fixtures.mjs";
import { apiHeaders, medianOfBlocks, repeat } from "../measure.mjs";

const WARMUP = 2;
const SENDS = 6;
// base64 of the file plus the JSON around it.
const MIN_BODY = Math.ceil(DATA_URI_BYTES / 3) * 4;

async function perSend(create) {
  const file = Buffer.from(pseudoRandomBytes(DATA_URI_BYTES).buffer);
  const send = async () => {
    const prediction = await create(file);
    if (!(prediction.received_bytes > MIN_BODY)) throw new Error(`sent a ${prediction.received_bytes}-byte body, not the file`);
  };
  await repeat(WARMUP, send);
  return medianOfBlocks(SENDS, send);
}

function viaCreate(replicate) {
  return (file) => replicate.predictions.create({ version: VERSION_ID, input: { image: file } });
}

export const ours = ({ client }) => perSend(viaCreate(client({ fileEncodingStrategy: "data-uri" })));
export const v1 = ({ client }) => perSend(viaCreate(client({ fileEncodingStrategy: "data-uri" })));

export function raw({ origin, auth }) {
  const headers = apiHeaders(auth);
  return perSend(async (file) => {
    const base64 = Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString("base64");
    const body = JSON.stringify({ input: { image: `data:application/octet-stream;base64,${base64}` }, version: VERSION_ID });
    const response = await fetch(`${origin}/v1/predictions`, { method: "POST", headers, body });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text());
  });
}
