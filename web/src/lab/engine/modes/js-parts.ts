// The lane parts of a JetStream processor pair (jetstream and dedupe modes).
import { explainError } from "../../../nats/errors.ts";
import { consumerView, streamView } from "../../../nats/inspect.ts";
import type { JetStreamProcessor } from "../../../nats/modes/jetstream.ts";
import { closeAll, withHandle, type LaneParts } from "./shared.ts";

export function jetStreamParts([publisher, consumer]: [JetStreamProcessor, JetStreamProcessor]): LaneParts {
  return {
    publisher,
    consumer,
    stream: consumer.stream,
    // The publisher opens first: it may be the one that created the consumer.
    consumerCreated: publisher.consumerCreated || consumer.consumerCreated,
    ...withHandle((h) => consumer.startConsumer(h)),
    inspect: async () => ({
      stream: streamView(await consumer.streamInfo()),
      // Only "no such consumer" means it is gone; any other failure (a slow answer) is not news.
      consumer: consumerView(
        await consumer.consumerInfo().catch((err: unknown) => {
          if (explainError(err).kind === "consumer-gone") return null;
          throw err;
        }),
      ),
      atMaxDeliver: 0,
    }),
    close: () => closeAll(publisher, consumer),
  };
}
