import type { TrainerHandler, TrainingContext } from "./handler";
import { HttpError } from "./http";
import { newJob, type Bases, type Job } from "./job";
import type { ModelEntry, VersionEntry } from "./models";
import { jobFields, launch } from "./runs";
import { inputOf, webhookOptions, type FakeState } from "./state";

/** Without a registered trainer, training succeeds at once with a small weights file. */
const defaultTrainer: TrainerHandler = (_input, context: TrainingContext) => {
  context.log("Training with the fake's default trainer");
  return { weights: new Blob(["fake weights"], { type: "application/x-tar" }) };
};

/**
 * Completes a trainer's output: when it names no `version`, the trained version is added to the
 * destination model (created if missing), running the source version's handler.
 */
function publish(state: FakeState, source: VersionEntry, destination: string, output: unknown): unknown {
  const result = (output ?? {}) as Record<string, unknown>;
  if (typeof result !== "object" || result.version !== undefined) return output;
  const [owner, name] = destination.split("/") as [string, string];
  const target = state.models.get(destination) ?? state.models.create(owner, name, { visibility: "private" }, true);
  const version = state.models.addVersion(target, {
    handler: source.handler,
    openapiSchema: source.openapiSchema,
    createdOverHttp: true,
  });
  return { ...result, version: `${destination}:${version.id}` };
}

/** Creates and starts a training of `version` of `model` from a create body. */
export function launchTraining(
  state: FakeState,
  model: ModelEntry,
  version: VersionEntry,
  body: Record<string, unknown>,
  bases: Bases,
): Job {
  const { destination } = body;
  if (typeof destination !== "string" || !/^[^/]+\/[^/:]+$/.test(destination)) {
    throw new HttpError(422, "destination is required and must be of the form owner/name.");
  }
  const job = newJob({
    ...jobFields(state, bases),
    ...webhookOptions(body),
    kind: "training",
    model: `${model.owner}/${model.name}`,
    version: version.id,
    input: inputOf(body),
    destination,
  });
  const trainer = model.trainer ?? defaultTrainer;
  const handler: TrainerHandler = async (input, context) => publish(state, version, destination, await trainer(input, context));
  return launch(state, job, handler);
}
