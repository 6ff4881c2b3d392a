ALTER TABLE "sessions" ADD COLUMN "active_organization_id" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "managed_tenant_id" text;--> statement-breakpoint
ALTER TABLE "permissions" ADD COLUMN "built_in" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_managed_tenant_id_tenants_id_fk" FOREIGN KEY ("managed_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_managed_tenant_unique" ON "organizations" USING btree ("managed_tenant_id");