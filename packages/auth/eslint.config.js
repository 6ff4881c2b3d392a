export { default } from "@plinto/eslint-config/base";
