/** Polls until `pred` holds (a throwing or rejecting predicate counts as "not yet"); fails after `ms`. */
export async function until(pred: () => boolean | Promise<boolean>, ms = 20_000, stepMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (
      await Promise.resolve()
        .then(pred)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`condition not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
