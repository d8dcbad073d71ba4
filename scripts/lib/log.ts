/** Every line the launcher prints starts with this tag, so it stands out among Vite's and npm's output. */
export function say(message: string): void {
  process.stdout.write(`[playground] ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`[playground] ${message}\n`);
}
