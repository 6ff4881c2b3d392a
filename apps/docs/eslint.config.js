import nextjs from "@plinto/eslint-config/nextjs";

export default [
  ...nextjs,
  // Samples are code a customer writes in their own app, where reading the environment is right.
  { files: ["samples/**"], rules: { "no-restricted-properties": "off" } },
];
