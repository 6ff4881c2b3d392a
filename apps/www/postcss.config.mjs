export { default } from "@plinto/tailwind-config/postcss";
