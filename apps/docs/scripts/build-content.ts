import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildContent, ContentError, serialiseIndex } from "./content";

const root = join(import.meta.dirname, "..");
try {
  const { content, search } = await buildContent(root);
  mkdirSync(join(root, "src", "generated"), { recursive: true });
  writeFileSync(join(root, "src", "generated", "content.json"), JSON.stringify(content));
  mkdirSync(join(root, "public", "search"), { recursive: true });
  for (const [version, documents] of Object.entries(search)) {
    writeFileSync(join(root, "public", "search", `${version}.json`), serialiseIndex(documents));
  }
  const counts = Object.entries(content.pages).map(([v, pages]) => `${v}: ${pages.length} pages`);
  console.log(`docs content: ${counts.join(", ")}, ${Object.keys(content.samples).length} samples`);
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
