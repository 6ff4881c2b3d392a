DROP TABLE "refresh_tokens" CASCADE;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "jwks" jsonb;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "logo_uri" text;