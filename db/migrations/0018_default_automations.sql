CREATE UNIQUE INDEX "automations_seed_key_idx" ON "automations" USING btree ("module_id","seed_key") WHERE "automations"."seed_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "email_templates_seed_key_idx" ON "email_templates" USING btree ("module_id","seed_key") WHERE "email_templates"."seed_key" is not null;--> statement-breakpoint
-- Automatic sales modules made before their defaults existed (the demo's, older workspaces') get
-- what a new one gets from lib/automations/defaults.ts, switched off, in the workspace's language:
-- the four templates and the three automations with their steps. Once, by the migrator (the
-- embedded process under its folder lock, a server by `npm run db:migrate`), in the transaction
-- that creates the unique seed-key indexes above; a module with any default automation — in the
-- trash too — is left alone, and a default template it already has is used, not copied.
WITH target AS (
  SELECT m.id AS module_id, m.workspace_id, w.locale::text AS locale
  FROM modules m
  JOIN workspaces w ON w.id = m.workspace_id
  WHERE m.kind = 'sales_auto'
    AND NOT EXISTS (SELECT 1 FROM automations a WHERE a.module_id = m.id AND a.seed_key LIKE 'sales_auto.%')
),
template_text (key, locale, name, subject, body) AS (
  VALUES
    ('request_received', 'en', 'We received your request', 'We received your request',
      E'Dear {{contact.name}},\n\nthank you for contacting {{workspace.name}}. We received your request and will get back to you soon.\n\n{{sender.signature}}'),
    ('request_received', 'hu', 'Megkaptuk megkeresését', 'Megkaptuk megkeresését',
      E'Kedves {{contact.name}}!\n\nKöszönjük, hogy megkereste a(z) {{workspace.name}} csapatát. Megkaptuk kérését, hamarosan jelentkezünk.\n\n{{sender.signature}}'),
    ('new_inquiry', 'en', 'New inquiry for you', 'New inquiry: {{business.name}}',
      E'Hi {{user.name}},\n\n{{business.name}} is waiting for you to process their request: {{datasheet.url}}'),
    ('new_inquiry', 'hu', 'Új érdeklődő neked', 'Új érdeklődő: {{business.name}}',
      E'Szia {{user.name}}!\n\n{{business.name}} arra vár, hogy feldolgozd a megkeresését: {{datasheet.url}}'),
    ('quote_late', 'en', 'The quote is late', 'No quote yet for {{business.name}}',
      E'Hi {{user.name}},\n\n{{business.name}} has been waiting for contact for 3 days: {{datasheet.url}}'),
    ('quote_late', 'hu', 'Késik az árajánlat', 'Még nincs árajánlat: {{business.name}}',
      E'Szia {{user.name}}!\n\n{{business.name}} 3 napja vár a kapcsolatfelvételre: {{datasheet.url}}'),
    ('thank_you', 'en', 'Thank you for your purchase', 'Thank you for your purchase',
      E'Dear {{contact.name}},\n\nthank you for choosing {{workspace.name}}. We are glad to have you as a customer.\n\n{{sender.signature}}'),
    ('thank_you', 'hu', 'Köszönjük vásárlását', 'Köszönjük vásárlását',
      E'Kedves {{contact.name}}!\n\nKöszönjük, hogy a(z) {{workspace.name}} csapatát választotta. Örülünk, hogy ügyfelünk lett.\n\n{{sender.signature}}')
),
created_templates AS (
  INSERT INTO email_templates (workspace_id, module_id, name, subject, body, seed_key)
  SELECT t.workspace_id, t.module_id, x.name, x.subject, x.body, 'sales_auto.' || x.key
  FROM target t
  JOIN template_text x ON x.locale = t.locale
  WHERE NOT EXISTS (SELECT 1 FROM email_templates e WHERE e.module_id = t.module_id AND e.seed_key = 'sales_auto.' || x.key)
  RETURNING id, module_id, seed_key
),
module_templates AS (
  SELECT id, module_id, seed_key FROM created_templates
  UNION ALL
  SELECT e.id, e.module_id, e.seed_key FROM email_templates e JOIN target t ON t.module_id = e.module_id WHERE e.seed_key LIKE 'sales_auto.%'
),
automation_text (key, locale, name) AS (
  VALUES
    ('awaiting_processing', 'en', 'New inquiry received'),
    ('awaiting_processing', 'hu', 'Új megkeresés érkezett'),
    ('awaiting_contact', 'en', 'Quote late'),
    ('awaiting_contact', 'hu', 'Késő árajánlat'),
    ('one_time', 'en', 'Thank you'),
    ('one_time', 'hu', 'Köszönet')
),
created_automations AS (
  INSERT INTO automations (workspace_id, module_id, name, status_id, seed_key)
  SELECT t.workspace_id, t.module_id, x.name, s.id, 'sales_auto.' || x.key
  FROM target t
  JOIN automation_text x ON x.locale = t.locale
  LEFT JOIN statuses s ON s.module_id = t.module_id AND s.key = x.key
  RETURNING id, workspace_id, module_id, seed_key
),
step (automation_key, position, kind, delay_minutes, template_key, settings) AS (
  VALUES
    ('awaiting_processing', 0, 'email_client', 0, 'request_received', '{}'::jsonb),
    ('awaiting_processing', 1, 'email_user', 0, 'new_inquiry', '{"recipient": "responsible", "userId": null, "role": null}'::jsonb),
    ('awaiting_contact', 0, 'email_user', 3 * 24 * 60, 'quote_late', '{"recipient": "role", "userId": null, "role": "manager"}'::jsonb),
    ('one_time', 0, 'email_client', 0, 'thank_you', '{}'::jsonb)
)
INSERT INTO automation_steps (workspace_id, automation_id, position, kind, delay_minutes, settings)
SELECT a.workspace_id, a.id, x.position, x.kind::automation_step_kind, x.delay_minutes, jsonb_build_object('templateId', tp.id) || x.settings
FROM created_automations a
JOIN step x ON a.seed_key = 'sales_auto.' || x.automation_key
JOIN module_templates tp ON tp.module_id = a.module_id AND tp.seed_key = 'sales_auto.' || x.template_key;
