import type { ModuleKind } from "@/db/schema/modules";
import type { ModuleTemplate, TemplateOption } from "./templates";

const option = (key: string, en: string, hu: string): TemplateOption => ({ key, label: { en, hu } });

/** Recommended groups, statuses (with colours) and fields of each kind, in both languages. */
export const templateContent: Record<ModuleKind, ModuleTemplate> = {
  // SPEC §3: the statuses and system fields the rule (lib/statuses/derive.ts) works with. Each
  // status has a colour of its own; the groups read cool (marketing) → warm (sales) → green
  // (customers) → grey and red (non-customers).
  sales_auto: {
    kind: "sales_auto",
    isSystem: true,
    name: { en: "Sales", hu: "Értékesítés" },
    kindName: { en: "Sales (with automatic status changes)", hu: "Értékesítés (automata státuszváltással)" },
    description: {
      en: "Sales (with automatic status changes): each client's status follows from its todos, Sales status, emails and invoices.",
      hu: "Értékesítés (automatikus státuszváltással): az ügyfél státusza a teendőiből, értékesítési státuszából, e-mailjeiből és számláiból következik.",
    },
    groups: [
      {
        key: "marketing",
        name: { en: "Marketing", hu: "Marketing" },
        statuses: [
          { key: "newsletter", name: { en: "Newsletter", hu: "Hírlevél" }, color: "#8b5cf6" },
          { key: "cold_list", name: { en: "Purchased list", hu: "Vásárolt lista" }, color: "#a78bfa" },
        ],
      },
      {
        key: "sales",
        name: { en: "Sales", hu: "Értékesítés" },
        statuses: [
          { key: "awaiting_processing", name: { en: "Awaiting processing", hu: "Feldolgozásra vár" }, color: "#3b82f6" },
          { key: "awaiting_contact", name: { en: "Awaiting contact", hu: "Kapcsolatfelvételre vár" }, color: "#06b6d4" },
          { key: "in_progress", name: { en: "In progress", hu: "Folyamatban" }, color: "#f59e0b" },
          { key: "serious_prospect", name: { en: "Serious prospect", hu: "Komoly érdeklődő" }, color: "#f97316" },
        ],
      },
      {
        key: "customers",
        name: { en: "Customers", hu: "Vevők" },
        statuses: [
          { key: "one_time", name: { en: "One-time", hu: "Egyszeri" }, color: "#84cc16" },
          { key: "returning", name: { en: "Returning", hu: "Visszatérő" }, color: "#22c55e" },
          { key: "regular", name: { en: "Regular", hu: "Rendszeres" }, color: "#15803d" },
        ],
      },
      {
        key: "non_customers",
        name: { en: "Non-customers", hu: "Nem vevők" },
        statuses: [
          { key: "failed", name: { en: "Failed", hu: "Sikertelen" }, color: "#ef4444" },
          { key: "forgotten", name: { en: "Forgotten", hu: "Elfelejtett" }, color: "#94a3b8" },
          { key: "inactive", name: { en: "Inactive", hu: "Inaktív" }, color: "#64748b" },
          { key: "unreachable", name: { en: "Unreachable", hu: "Elérhetetlen" }, color: "#be123c" },
        ],
      },
    ],
    fields: [
      {
        key: "sales_status",
        label: { en: "Sales status", hu: "Értékesítési státusz" },
        type: "single_select",
        helpText: { en: "Empty for a marketing contact; a todo starts the sale.", hu: "Marketingkapcsolatnál üres; egy teendő elindítja az értékesítést." },
        options: [option("in_progress", "In progress", "Folyamatban"), option("closed_won", "Closed won", "Lezárt nyert"), option("closed_lost", "Closed lost", "Lezárt vesztett")],
      },
      {
        key: "qualification",
        label: { en: "Qualification", hu: "Minősítés" },
        type: "single_select",
        options: [option("target_group", "Target group", "Célcsoport"), option("not_target_group", "Not target group", "Nem célcsoport")],
      },
      {
        key: "entry",
        label: { en: "Entry", hu: "Belépés" },
        type: "single_select",
        helpText: { en: "How the client came: an inquiry, a newsletter subscription or a purchased list.", hu: "Hogyan érkezett: érdeklődés, hírlevél-feliratkozás vagy vásárolt lista." },
        options: [option("inquiry", "Inquiry", "Érdeklődés"), option("subscriber", "Subscriber", "Feliratkozó"), option("list", "Purchased list", "Vásárolt lista")],
      },
    ],
  },
  sales_manual: {
    kind: "sales_manual",
    name: { en: "Sales", hu: "Értékesítés" },
    description: {
      en: "Sales (manual statuses): your team moves each deal from step to step.",
      hu: "Értékesítés (kézi státuszokkal): a csapat lépésről lépésre viszi tovább az üzleteket.",
    },
    groups: [
      {
        key: "open",
        name: { en: "Open deals", hu: "Nyitott üzletek" },
        statuses: [
          { key: "new_lead", name: { en: "New lead", hu: "Új érdeklődő" }, color: "#3b82f6" },
          { key: "contacted", name: { en: "Contacted", hu: "Kapcsolatfelvétel megtörtént" }, color: "#06b6d4" },
          { key: "needs_assessment", name: { en: "Needs assessment", hu: "Igényfelmérés" }, color: "#14b8a6" },
          { key: "quote_sent", name: { en: "Quote sent", hu: "Árajánlat elküldve" }, color: "#f59e0b" },
          { key: "negotiation", name: { en: "Negotiation", hu: "Tárgyalás" }, color: "#f97316" },
        ],
      },
      {
        key: "closed",
        name: { en: "Closed", hu: "Lezárt" },
        statuses: [
          { key: "won", name: { en: "Closed won", hu: "Lezárt nyert" }, color: "#22c55e" },
          { key: "lost", name: { en: "Closed lost", hu: "Lezárt vesztett" }, color: "#ef4444" },
        ],
      },
    ],
    fields: [
      { key: "deal_value", label: { en: "Deal value", hu: "Üzlet értéke" }, type: "money", settings: { defaultCurrency: "HUF" } },
      { key: "expected_close_date", label: { en: "Expected close date", hu: "Várható lezárás" }, type: "date" },
      {
        key: "probability",
        label: { en: "Probability (%)", hu: "Valószínűség (%)" },
        type: "number",
        helpText: { en: "Your estimate of the chance of winning, 0–100.", hu: "A megnyerés esélyének becslése, 0–100." },
      },
      {
        key: "source",
        label: { en: "Source", hu: "Forrás" },
        type: "single_select",
        options: [
          option("website", "Website", "Weboldal"),
          option("referral", "Referral", "Ajánlás"),
          option("phone_inquiry", "Phone inquiry", "Telefonos érdeklődés"),
          option("trade_fair", "Trade fair", "Kiállítás"),
          option("other", "Other", "Egyéb"),
        ],
      },
      {
        key: "lost_reason",
        label: { en: "Reason for losing", hu: "Elvesztés oka" },
        type: "single_select",
        options: [
          option("price", "Price", "Ár"),
          option("competitor", "Chose a competitor", "Versenytársat választott"),
          option("not_now", "Not now", "Most nem aktuális"),
          option("no_response", "No response", "Nem válaszolt"),
        ],
      },
    ],
  },
  customer_service: {
    kind: "customer_service",
    name: { en: "Customer service", hu: "Ügyfélszolgálat" },
    description: {
      en: "Requests and complaints, from the first message to the solution.",
      hu: "Bejelentések és panaszok, az első megkereséstől a megoldásig.",
    },
    groups: [
      {
        key: "open",
        name: { en: "Open", hu: "Nyitott" },
        statuses: [
          { key: "new_request", name: { en: "New request", hu: "Új bejelentés" }, color: "#3b82f6" },
          { key: "in_progress", name: { en: "In progress", hu: "Folyamatban" }, color: "#f59e0b" },
          { key: "waiting_for_client", name: { en: "Waiting for client", hu: "Ügyfélre vár" }, color: "#8b5cf6" },
        ],
      },
      {
        key: "closed",
        name: { en: "Closed", hu: "Lezárt" },
        statuses: [
          { key: "solved", name: { en: "Solved", hu: "Megoldva" }, color: "#22c55e" },
          { key: "closed", name: { en: "Closed", hu: "Lezárva" }, color: "#64748b" },
        ],
      },
    ],
    fields: [
      {
        key: "priority",
        label: { en: "Priority", hu: "Prioritás" },
        type: "single_select",
        options: [
          option("low", "Low", "Alacsony"),
          option("normal", "Normal", "Normál"),
          option("high", "High", "Magas"),
          option("urgent", "Urgent", "Sürgős"),
        ],
      },
      {
        key: "channel",
        label: { en: "Channel", hu: "Csatorna" },
        type: "single_select",
        options: [
          option("email", "Email", "Email"),
          option("phone", "Phone", "Telefon"),
          option("web_form", "Web form", "Webes űrlap"),
          option("in_person", "In person", "Személyesen"),
        ],
      },
      {
        key: "category",
        label: { en: "Category", hu: "Kategória" },
        type: "single_select",
        options: [
          option("question", "Question", "Kérdés"),
          option("complaint", "Complaint", "Panasz"),
          option("warranty_claim", "Warranty claim", "Garanciális igény"),
          option("fault_report", "Fault report", "Hibabejelentés"),
        ],
      },
      {
        key: "deadline",
        label: { en: "Deadline", hu: "Határidő" },
        type: "date",
        helpText: { en: "When the client should get an answer.", hu: "Eddig kell választ kapnia az ügyfélnek." },
      },
      { key: "description", label: { en: "Description", hu: "Leírás" }, type: "long_text" },
    ],
  },
  projects: {
    kind: "projects",
    name: { en: "Projects", hu: "Projektek" },
    description: {
      en: "Projects from the idea through delivery to completion.",
      hu: "Projektek az ötlettől a megvalósításon át a befejezésig.",
    },
    groups: [
      {
        key: "planning",
        name: { en: "Planning", hu: "Tervezés" },
        statuses: [
          { key: "idea", name: { en: "Idea", hu: "Ötlet" }, color: "#64748b" },
          { key: "scoping", name: { en: "Scoping", hu: "Felmérés" }, color: "#06b6d4" },
          { key: "scheduled", name: { en: "Scheduled", hu: "Ütemezve" }, color: "#3b82f6" },
        ],
      },
      {
        key: "delivery",
        name: { en: "Delivery", hu: "Megvalósítás" },
        statuses: [
          { key: "in_progress", name: { en: "In progress", hu: "Folyamatban" }, color: "#f59e0b" },
          { key: "under_review", name: { en: "Under review", hu: "Ellenőrzés alatt" }, color: "#8b5cf6" },
          { key: "on_hold", name: { en: "On hold", hu: "Felfüggesztve" }, color: "#f97316" },
        ],
      },
      {
        key: "finished",
        name: { en: "Finished", hu: "Befejezett" },
        statuses: [
          { key: "completed", name: { en: "Completed", hu: "Befejezve" }, color: "#22c55e" },
          { key: "cancelled", name: { en: "Cancelled", hu: "Megszakítva" }, color: "#ef4444" },
        ],
      },
    ],
    fields: [
      { key: "start_date", label: { en: "Start date", hu: "Kezdés" }, type: "date" },
      { key: "due_date", label: { en: "Due date", hu: "Határidő" }, type: "date" },
      { key: "budget", label: { en: "Budget", hu: "Költségkeret" }, type: "money", settings: { defaultCurrency: "HUF" } },
      { key: "project_manager", label: { en: "Project manager", hu: "Projektvezető" }, type: "user" },
      {
        key: "progress",
        label: { en: "Progress (%)", hu: "Készültség (%)" },
        type: "number",
        helpText: { en: "How much of the work is done, 0–100.", hu: "A munka hány százaléka kész, 0–100." },
      },
      {
        key: "tags",
        label: { en: "Tags", hu: "Címkék" },
        type: "multi_select",
        options: [
          option("client_project", "Client project", "Ügyfélprojekt"),
          option("internal", "Internal", "Belső"),
          option("maintenance", "Maintenance", "Karbantartás"),
        ],
      },
    ],
  },
  empty: {
    kind: "empty",
    name: { en: "New module", hu: "Új modul" },
    description: {
      en: "Empty: one group with one status and no fields, to build your own process.",
      hu: "Üres: egy csoport egy státusszal, mezők nélkül, a saját folyamatod felépítéséhez.",
    },
    groups: [
      {
        key: "statuses",
        name: { en: "Statuses", hu: "Státuszok" },
        statuses: [{ key: "new", name: { en: "New", hu: "Új" }, color: "#3b82f6" }],
      },
    ],
    fields: [],
  },
};
