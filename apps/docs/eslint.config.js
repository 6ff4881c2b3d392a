export { default } from "@plinto/eslint-config/nextjs";
