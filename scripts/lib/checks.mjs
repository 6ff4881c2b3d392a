/** Refuse to go on under a Node that cannot run Plinto, with a line that says what to do. */
export function requireNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 9)) {
    console.error(`plinto: Node ${process.versions.node} is too old; Plinto needs Node 20.9 or newer (https://nodejs.org).`);
    process.exit(1);
  }
}

export function step(message) {
  console.log(`\n\u25B6 ${message}`);
}
