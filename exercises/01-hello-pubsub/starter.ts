export default async function main(ctx: ExerciseContext): Promise<string[]> {
  const subject = ctx.subject("greetings");
  const received: string[] = [];

  // TODO 1: subscribe to `subject` for at most 3 messages, before publishing anything.

  // TODO 2: publish "hello 1", "hello 2" and "hello 3".
  ctx.nc.publish(subject, "hello 1");

  // TODO 3: read the messages from your subscription and push each one's text into `received`.

  ctx.log("received:", received);
  return received;
}
