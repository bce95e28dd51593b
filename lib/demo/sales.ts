import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { emailSuppressions, modules, statusCheckRuns } from "@/db/schema";
import { systemActor, type UserActor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { commitDatasheets } from "@/lib/datasheets/commit";
import { createClients } from "@/lib/datasheets/create";
import { updateDatasheetFields } from "@/lib/datasheets/field-values";
import { logHistory } from "@/lib/history/mutations";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { seedDefaultAutomations } from "@/lib/automations/defaults";
import { applyTemplate } from "@/lib/modules/module-mutations";
import { templateFor } from "@/lib/modules/templates";
import { rankBetween } from "@/lib/ranking/rank";
import { defaultRuleSettings } from "@/lib/statuses/derive";
import { automaticModules, sweepModule } from "@/lib/statuses/sweep";
import { addTodo, completeTodo } from "@/lib/todos/mutations";
import { localDateOf, localDateText, localHourOn } from "@/lib/time/zoned";
import { seedTextsIn, type SeedTexts } from "./texts";
import { DEMO_TIME_ZONE } from "./time";

/*
 * The demo workspace's automatic Sales module: the furniture dealer's story of the brief —
 * Tesztiroda Kft. asking for 40 chairs and 10 tables, and becoming a one-time customer — and
 * thirty-odd other clients in every status, each made the way users make them (through the
 * services, on the days it happened), so every status, its "why" and the funnel show something.
 */

type Who = "admin" | "manager" | "normal" | "restricted";

/** One thing that happened to a client, `day` days ago (negative: in the future, for deadlines). */
type Step =
  | { todo: string; day: number; due: number; done?: number; by?: Who }
  | { log: "call" | "meeting" | "note" | "email_sent" | "email_received"; body: string; day: number; by?: Who }
  | { qualify: "target_group" | "not_target_group"; day: number }
  | { sales: "closed_lost"; day: number }
  | { invoice: string; amount: number; day: number; paid?: number }
  | { unsubscribed: number };

interface DemoSale {
  name: string;
  email: string;
  city: string;
  contact?: { name: string; position: string; phone?: string };
  responsible: Who | null;
  entry?: "inquiry" | "subscriber" | "list";
  /** Days ago it came; a subscriber's consent is the same day. */
  came: number;
  steps: Step[];
}

const quote = (what: string, day: number, done?: number, by: Who = "manager"): Step => ({ todo: `Prepare the quote for ${what}`, day, due: day - 3, done, by });

const sales: DemoSale[] = [
  // The brief's story: a quote request that became a one-time customer.
  {
    name: "Tesztiroda Kft.",
    email: "beszerzes@tesztiroda.hu",
    city: "Budapest",
    contact: { name: "Fehér Ágnes", position: "Office manager", phone: "+36 1 555 0140" },
    responsible: "manager",
    came: 58,
    steps: [
      quote("40 chairs and 10 tables", 57, 55),
      { log: "email_sent", body: "Sent the quote: 40 Ergo chairs and 10 oak meeting tables.", day: 55, by: "manager" },
      { qualify: "target_group", day: 54 },
      { todo: "Call about the quote", day: 54, due: 50, done: 50, by: "manager" },
      { log: "call", body: "They want the chairs in grey; the tables as quoted.", day: 50, by: "manager" },
      { todo: "Send the revised quote and the contract", day: 50, due: 46, done: 45, by: "manager" },
      { invoice: "DB-2026/0201", amount: 3_450_000, day: 40, paid: 30 },
      { todo: "Check the delivery date with the warehouse", day: 29, due: -6, by: "manager" },
    ],
  },
  // Awaiting processing: new inquiries nobody has picked up yet.
  { name: "Kékfény Optika Bt.", email: "info@kekfenyoptika.hu", city: "Győr", contact: { name: "Szalai Mónika", position: "Owner" }, responsible: null, came: 1, steps: [] },
  { name: "Lendület Sportegyesület", email: "titkar@lendulet-se.hu", city: "Pécs", responsible: "normal", came: 2, steps: [] },
  { name: "Pataki Ügyvédi Iroda", email: "iroda@patakiugyved.hu", city: "Budapest", responsible: null, came: 0, steps: [] },
  // Awaiting contact: a todo, not done yet.
  { name: "Zöldliget Óvoda", email: "ovoda@zoldliget.hu", city: "Debrecen", contact: { name: "Bakó Erzsébet", position: "Head" }, responsible: "normal", came: 5, steps: [quote("12 small tables and 60 chairs", 4, undefined, "normal")] },
  { name: "Horizont Logistics Kft.", email: "office@horizontlog.hu", city: "Szeged", responsible: "manager", came: 3, steps: [{ todo: "Call back about the warehouse offices", day: 2, due: -1, by: "manager" }] },
  { name: "Bárány Fogászat", email: "rendelo@baranyfog.hu", city: "Eger", responsible: "restricted", came: 6, steps: [{ todo: "Measure the waiting room", day: 5, due: -2, by: "restricted" }] },
  // In progress: worked on, a todo done.
  { name: "Aranykalász Pékség Kft.", email: "penzugy@aranykalasz.hu", city: "Kecskemét", responsible: "normal", came: 20, steps: [quote("the shop's counter and 8 bar stools", 19, 16, "normal"), { log: "call", body: "They compare us with two other dealers.", day: 15, by: "normal" }, { todo: "Follow up on the quote", day: 15, due: -3, by: "normal" }] },
  { name: "Vértes Informatikai Zrt.", email: "beszerzes@vertes-it.hu", city: "Székesfehérvár", contact: { name: "Molnár Dániel", position: "IT director" }, responsible: "manager", came: 25, steps: [quote("30 standing desks", 24, 21), { log: "meeting", body: "Showroom visit: liked the electric desks.", day: 18, by: "manager" }, { todo: "Send two desk samples", day: 17, due: -4, by: "manager" }] },
  { name: "Kiss Gábor e.v.", email: "kiss.gabor@example.hu", city: "Sopron", responsible: "restricted", came: 12, steps: [{ todo: "Send the catalogue", day: 11, due: 10, done: 10, by: "restricted" }, { todo: "Call about the catalogue", day: 10, due: -2, by: "restricted" }] },
  { name: "Napfény Panzió", email: "foglalas@napfenypanzio.hu", city: "Siófok", responsible: "normal", came: 16, steps: [quote("furniture for 6 rooms", 15, 12, "normal"), { log: "email_received", body: "They asked for a discount on six double beds.", day: 9, by: "normal" }] },
  // Serious prospects: three todos done and the target group.
  { name: "Fenyő Rendezvényház Kft.", email: "info@fenyorendezveny.hu", city: "Budapest", contact: { name: "Lukács Tamás", position: "Manager" }, responsible: "manager", came: 35, steps: [quote("200 stackable chairs", 34, 31), { qualify: "target_group", day: 30 }, { todo: "Present the chair samples", day: 30, due: 26, done: 25, by: "manager" }, { todo: "Agree on the delivery in two parts", day: 25, due: 20, done: 20, by: "manager" }, { todo: "Send the contract", day: 19, due: -2, by: "manager" }] },
  { name: "Dunakanyar Hotel Zrt.", email: "beszerzes@dunakanyarhotel.hu", city: "Visegrád", responsible: "manager", came: 44, steps: [quote("the lobby's furniture", 43, 40), { qualify: "target_group", day: 40 }, { todo: "Measure the lobby", day: 40, due: 36, done: 35, by: "manager" }, { log: "meeting", body: "Designer meeting at the hotel.", day: 35, by: "manager" }, { todo: "Send the 3D plan", day: 34, due: 28, done: 27, by: "manager" }, { todo: "Final price negotiation", day: 26, due: -5, by: "manager" }] },
  { name: "Mecsek Egyetemi Kiadó", email: "kiado@mecsekkiado.hu", city: "Pécs", responsible: "normal", came: 30, steps: [quote("40 bookshelves", 29, 27, "normal"), { qualify: "target_group", day: 27 }, { todo: "Check the wall load", day: 26, due: 23, done: 23, by: "normal" }, { todo: "Offer the oak finish", day: 22, due: 18, done: 17, by: "normal" }] },
  // One-time customers (Tesztiroda above, and two more).
  { name: "Csillag Könyvelőiroda Bt.", email: "iroda@csillagkonyvelo.hu", city: "Miskolc", responsible: "normal", came: 70, steps: [quote("6 office chairs", 69, 66, "normal"), { invoice: "DB-2026/0181", amount: 540_000, day: 60, paid: 52 }, { log: "call", body: "Thanked for the quick delivery.", day: 50, by: "normal" }] },
  { name: "Tóth Építész Stúdió", email: "studio@totharchitekt.hu", city: "Budapest", responsible: "manager", came: 90, steps: [quote("a drawing table and 4 chairs", 89, 86), { invoice: "DB-2026/0151", amount: 410_000, day: 80, paid: 70 }] },
  // Returning customers: two paid invoices.
  { name: "Rózsa Virágüzlet", email: "rozsa@viragbolt.hu", city: "Szeged", responsible: "normal", came: 200, steps: [quote("shop shelves", 199, 196, "normal"), { invoice: "DB-2026/0042", amount: 380_000, day: 190, paid: 185 }, { todo: "Offer the new counter", day: 100, due: 95, done: 90, by: "normal" }, { invoice: "DB-2026/0133", amount: 260_000, day: 88, paid: 80 }] },
  { name: "Gyöngyös Borház Kft.", email: "info@gyongyosborhaz.hu", city: "Gyöngyös", responsible: "manager", came: 400, steps: [quote("the tasting room's tables", 399, 395), { invoice: "DB-2025/0311", amount: 1_200_000, day: 390, paid: 380 }, { log: "call", body: "They want 20 more chairs for the terrace.", day: 120, by: "manager" }, { invoice: "DB-2026/0121", amount: 640_000, day: 110, paid: 100 }] },
  // Regular customers: paid invoices in three months of the last twelve.
  { name: "Alföld Coworking Kft.", email: "hello@alfoldcowork.hu", city: "Kecskemét", contact: { name: "Varga Lili", position: "Community manager" }, responsible: "manager", came: 300, steps: [quote("20 desks", 299, 295), { invoice: "DB-2026/0061", amount: 2_100_000, day: 240, paid: 230 }, { invoice: "DB-2026/0140", amount: 720_000, day: 120, paid: 110 }, { invoice: "DB-2026/0205", amount: 380_000, day: 35, paid: 25 }] },
  { name: "Balaton Irodaház Zrt.", email: "uzemeltetes@balatoniroda.hu", city: "Veszprém", responsible: "admin", came: 380, steps: [quote("the new floor", 379, 375, "admin"), { invoice: "DB-2025/0290", amount: 5_800_000, day: 330, paid: 320 }, { invoice: "DB-2026/0090", amount: 950_000, day: 200, paid: 190 }, { invoice: "DB-2026/0160", amount: 430_000, day: 95, paid: 88 }, { invoice: "DB-2026/0214", amount: 210_000, day: 20, paid: 12 }] },
  // Failed: Closed lost.
  { name: "Gránit Bank Zrt. fiók", email: "fiok@granitbank.hu", city: "Budapest", responsible: "manager", came: 50, steps: [quote("the branch's furniture", 49, 46), { log: "email_received", body: "They chose a cheaper offer.", day: 40, by: "manager" }, { sales: "closed_lost", day: 40 }] },
  { name: "Somogyi Kft.", email: "info@somogyikft.hu", city: "Kaposvár", responsible: "normal", came: 65, steps: [quote("8 wardrobes", 64, 60, "normal"), { log: "call", body: "The project is postponed to next year.", day: 55, by: "normal" }, { sales: "closed_lost", day: 55 }] },
  // Forgotten: in progress, no contact for more than 30 days (the daily check moved them).
  { name: "Hegyvidék Tanoda", email: "tanoda@hegyvidek.hu", city: "Budapest", responsible: "normal", came: 75, steps: [quote("20 school desks", 74, 70, "normal")] },
  { name: "Pannon Autószalon Kft.", email: "iroda@pannonauto.hu", city: "Győr", responsible: null, came: 48, steps: [] },
  // Marketing: newsletter subscribers, a purchased list.
  { name: "Szabó Réka", email: "szabo.reka@example.hu", city: "Debrecen", responsible: null, entry: "subscriber", came: 40, steps: [] },
  { name: "Juhász Péter", email: "juhasz.peter@example.hu", city: "Érd", responsible: null, entry: "subscriber", came: 150, steps: [] },
  { name: "Lakberendező Stúdió Bt.", email: "studio@lakberendezo.hu", city: "Budapest", responsible: null, entry: "subscriber", came: 20, steps: [] },
  { name: "Nyírség Agrár Kft.", email: "info@nyirsegagrar.hu", city: "Nyíregyháza", responsible: "normal", entry: "list", came: 10, steps: [] },
  { name: "Tiszamenti Építő Zrt.", email: "titkarsag@tiszamenti.hu", city: "Szolnok", responsible: "normal", entry: "list", came: 10, steps: [] },
  // Inactive: subscribed more than a year ago, no open or click since.
  { name: "Orosz Dóra", email: "orosz.dora@example.hu", city: "Szombathely", responsible: null, entry: "subscriber", came: 420, steps: [] },
  { name: "Mátra Kemping", email: "info@matrakemping.hu", city: "Mátrafüred", responsible: null, entry: "subscriber", came: 500, steps: [] },
  // Unreachable: unsubscribed, or the address bounced.
  { name: "Fekete Bence", email: "fekete.bence@example.hu", city: "Tatabánya", responsible: null, entry: "subscriber", came: 90, steps: [{ unsubscribed: 30 }] },
  { name: "Régi Bútorház Kft.", email: "regi@butorhaz-megszunt.hu", city: "Békéscsaba", responsible: null, entry: "list", came: 60, steps: [{ unsubscribed: 45 }] },
];

/** The story's words in Hungarian (names, addresses and numbers are the same in both languages). */
const texts: SeedTexts = {
  hu: {
    Hungary: "Magyarország",
    // Contacts' positions
    "Office manager": "Irodavezető",
    Owner: "Tulajdonos",
    Head: "Óvodavezető",
    "IT director": "Informatikai igazgató",
    Manager: "Ügyvezető",
    "Community manager": "Közösségi menedzser",
    // Quotes (whole sentences: Hungarian puts the case ending on the goods)
    "Prepare the quote for 40 chairs and 10 tables": "Árajánlatot készíteni 40 székre és 10 asztalra",
    "Prepare the quote for 12 small tables and 60 chairs": "Árajánlatot készíteni 12 kisasztalra és 60 székre",
    "Prepare the quote for the shop's counter and 8 bar stools": "Árajánlatot készíteni a bolt pultjára és 8 bárszékre",
    "Prepare the quote for 30 standing desks": "Árajánlatot készíteni 30 állóasztalra",
    "Prepare the quote for furniture for 6 rooms": "Árajánlatot készíteni 6 szoba bútorzatára",
    "Prepare the quote for 200 stackable chairs": "Árajánlatot készíteni 200 rakásolható székre",
    "Prepare the quote for the lobby's furniture": "Árajánlatot készíteni a lobbi bútorzatára",
    "Prepare the quote for 40 bookshelves": "Árajánlatot készíteni 40 könyvespolcra",
    "Prepare the quote for 6 office chairs": "Árajánlatot készíteni 6 irodai székre",
    "Prepare the quote for a drawing table and 4 chairs": "Árajánlatot készíteni egy rajzasztalra és 4 székre",
    "Prepare the quote for shop shelves": "Árajánlatot készíteni bolti polcokra",
    "Prepare the quote for the tasting room's tables": "Árajánlatot készíteni a kóstolóterem asztalaira",
    "Prepare the quote for 20 desks": "Árajánlatot készíteni 20 íróasztalra",
    "Prepare the quote for the new floor": "Árajánlatot készíteni az új emelet berendezésére",
    "Prepare the quote for the branch's furniture": "Árajánlatot készíteni a fiók bútorzatára",
    "Prepare the quote for 8 wardrobes": "Árajánlatot készíteni 8 ruhásszekrényre",
    "Prepare the quote for 20 school desks": "Árajánlatot készíteni 20 iskolapadra",
    // Other todos
    "Call about the quote": "Felhívni őket az árajánlat miatt",
    "Send the revised quote and the contract": "Elküldeni a módosított árajánlatot és a szerződést",
    "Check the delivery date with the warehouse": "Egyeztetni a raktárral a szállítási napot",
    "Call back about the warehouse offices": "Visszahívni őket a raktári irodák ügyében",
    "Measure the waiting room": "Felmérni a várótermet",
    "Follow up on the quote": "Rákérdezni az árajánlatra",
    "Send two desk samples": "Elküldeni két mintaasztalt",
    "Send the catalogue": "Elküldeni a katalógust",
    "Call about the catalogue": "Felhívni őket a katalógus miatt",
    "Present the chair samples": "Bemutatni a mintaszékeket",
    "Agree on the delivery in two parts": "Megegyezni a két részletben történő szállításról",
    "Send the contract": "Elküldeni a szerződést",
    "Measure the lobby": "Felmérni a lobbit",
    "Send the 3D plan": "Elküldeni a 3D-s látványtervet",
    "Final price negotiation": "Végső ártárgyalás",
    "Check the wall load": "Ellenőrizni a fal teherbírását",
    "Offer the oak finish": "Felajánlani a tölgy kivitelt",
    "Offer the new counter": "Felajánlani az új pultot",
    // History
    "Sent the quote: 40 Ergo chairs and 10 oak meeting tables.": "Elküldtük az árajánlatot: 40 Ergo szék és 10 tölgy tárgyalóasztal.",
    "They want the chairs in grey; the tables as quoted.": "A székeket szürkében kérik, az asztalokat az ajánlat szerint.",
    "They compare us with two other dealers.": "Két másik kereskedővel hasonlítanak össze minket.",
    "Showroom visit: liked the electric desks.": "Bemutatótermi látogatás: tetszettek nekik az elektromos asztalok.",
    "They asked for a discount on six double beds.": "Kedvezményt kértek hat franciaágyra.",
    "Designer meeting at the hotel.": "Egyeztetés a tervezővel a szállodában.",
    "Thanked for the quick delivery.": "Megköszönték a gyors szállítást.",
    "They want 20 more chairs for the terrace.": "További 20 széket kérnek a teraszra.",
    "They chose a cheaper offer.": "Egy olcsóbb ajánlatot választottak.",
    "The project is postponed to next year.": "A projektet jövő évre halasztották.",
  },
};


/**
 * The automatic Sales module of the demo, at the end of the workspace's module list, with its
 * default automations (switched off) and their templates, its clients and their histories as they happened, then the daily status checks of today — in the
 * workspace's language, with the same keys in every language.
 */
export async function seedDemoSales(tx: Tx, workspaceId: string, locale: Locale, actors: Record<Who, UserActor>, now = new Date()): Promise<string> {
  const say = seedTextsIn(texts, locale);
  const template = templateFor("sales_auto");
  const [last] = await tx.select({ position: modules.position }).from(modules).where(eq(modules.workspaceId, workspaceId)).orderBy(desc(modules.position)).limit(1);
  const [module] = await tx
    .insert(modules)
    .values({ workspaceId, name: template.name[locale], kind: "sales_auto", position: rankBetween(last?.position ?? null, null), ruleSettings: { ...defaultRuleSettings } })
    .returning({ id: modules.id });
  const moduleId = module!.id;
  await applyTemplate(tx, workspaceId, moduleId, template, locale);
  // Its default automations and templates, switched off, as New module gives them (SPEC §4).
  await seedDefaultAutomations(tx, workspaceId, moduleId, locale);

  // A working hour on the demo workspace's clock, never in the future (facts are not dated ahead).
  const at = (daysAgo: number, hour = 10) => {
    const d = localHourOn(now, -daysAgo, hour, DEMO_TIME_ZONE);
    return d.getTime() > now.getTime() ? now : d;
  };
  const day = (daysAgo: number) => localDateText(localDateOf(at(daysAgo), DEMO_TIME_ZONE));

  for (const c of sales) {
    const came = at(c.came, 9);
    const entry = c.entry ?? "inquiry";
    const [created] = await createClients(
      tx,
      actors[c.responsible ?? "admin"],
      [
        {
          business: { kind: "company", name: c.name, email: c.email, phone: null, taxNumber: null, city: c.city, country: say("Hungary"), newsletterConsentAt: entry === "subscriber" ? came : null },
          contacts: c.contact ? [{ name: c.contact.name, position: say(c.contact.position), email: null, phone: c.contact.phone ?? null }] : [],
          moduleId,
          statusId: null,
          responsibleUserId: c.responsible ? actors[c.responsible].userId : null,
          fields: { entry },
          createdAt: came,
        },
      ],
      came,
    );
    const datasheetId = created!.datasheetId;
    const version = async () => (await tx.query.datasheets.findFirst({ where: (d, { eq: equals }) => equals(d.id, datasheetId), columns: { version: true } }))!.version;
    for (const step of c.steps) {
      if ("todo" in step) {
        const by = actors[step.by ?? c.responsible ?? "admin"];
        const { id } = await addTodo(tx, by, { datasheetId, text: say(step.todo), dueAt: at(step.due, 14), assigneeUserId: null }, at(step.day, 11));
        if (step.done !== undefined) await completeTodo(tx, by, { todoId: id, version: 1 }, at(step.done, 15));
      } else if ("log" in step) {
        await logHistory(tx, actors[step.by ?? "normal"], { datasheetId, kind: step.log, body: say(step.body), occurredAt: at(step.day, 13) }, at(step.day, 13));
      } else if ("qualify" in step) {
        await updateDatasheetFields(tx, actors.manager, { datasheetId, version: await version(), fields: { qualification: step.qualify } }, at(step.day, 16));
      } else if ("sales" in step) {
        await updateDatasheetFields(tx, actors.manager, { datasheetId, version: await version(), fields: { sales_status: step.sales } }, at(step.day, 16));
      } else if ("invoice" in step) {
        const { id } = await addInvoice(tx, actors.admin, { datasheetId, number: step.invoice, amount: `${step.amount}.00`, currency: "HUF", issuedOn: day(step.day), dueOn: day(step.day - 15) }, at(step.day, 12));
        if (step.paid !== undefined) await markInvoicePaid(tx, actors.admin, { invoiceId: id, paidOn: day(step.paid) }, at(step.paid, 12));
      } else {
        // The address left the newsletter: a suppression, as the unsubscribe link records it.
        await tx.insert(emailSuppressions).values({ workspaceId, address: c.email, reason: "unsubscribed", createdAt: at(step.unsubscribed) });
        await commitDatasheets(tx, systemActor(workspaceId, "email"), { ids: [datasheetId] }, at(step.unsubscribed));
      }
    }
  }

  // Today's daily checks: what time did to them since (Forgotten, Inactive, Regular or not).
  const [scope] = await automaticModules(tx, workspaceId, moduleId);
  const counts = await sweepModule(tx, systemActor(workspaceId, "status_check"), scope!, now);
  const localDay = new Intl.DateTimeFormat("en-CA", { timeZone: scope!.timeZone }).format(now);
  await tx.insert(statusCheckRuns).values({ moduleId, day: localDay, moved: counts.reduce((n, x) => n + x.moved, 0), finishedAt: now }).onConflictDoNothing();
  return moduleId;
}
