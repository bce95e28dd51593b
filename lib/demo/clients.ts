import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { modules, statuses } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { createClients } from "@/lib/datasheets/create";
import { logHistory } from "@/lib/history/mutations";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { applyTemplate } from "@/lib/modules/module-mutations";
import { templateFor } from "@/lib/modules/templates";
import { initialRanks } from "@/lib/ranking/rank";
import { addTodo, completeTodo } from "@/lib/todos/mutations";
import { localDateOf, localDateText, localHourOn } from "@/lib/time/zoned";
import { seedTextsIn, type SeedTexts } from "./texts";
import { DEMO_TIME_ZONE } from "./time";

type Who = "admin" | "manager" | "normal" | "restricted" | null;
type Activity = { kind: "call" | "meeting" | "note" | "email_sent" | "email_received"; body: string; daysAgo: number; by: Exclude<Who, null> };

interface DemoClient {
  name: string;
  kind?: "person";
  email?: string;
  phone?: string;
  taxNumber?: string;
  city: string;
  contacts: { name: string; position?: string; email?: string; phone?: string }[];
  status: string;
  responsible: Who;
  fields: Record<string, string>;
  /** Negative: overdue. */
  openTodos: { text: string; inDays: number; hour: number }[];
  doneTodos: { text: string; daysAgo: number; by: Exclude<Who, null> }[];
  history: Activity[];
  invoices?: { number: string; amount: string; daysAgo: number; paidDaysAgo?: number }[];
}

/** Twelve clients of a furniture dealer's customer service, as a user would find them mid-week. */
const clients: DemoClient[] = [
  {
    name: "Hotel Aranyhíd Kft.",
    email: "beszerzes@aranyhid.hu",
    phone: "+36 1 322 4410",
    taxNumber: "12874533-2-41",
    city: "Budapest",
    contacts: [{ name: "Lakatos Judit", position: "Purchasing manager", email: "judit.lakatos@aranyhid.hu", phone: "+36 30 412 7788" }],
    status: "in_progress",
    responsible: "manager",
    fields: { priority: "high", channel: "email", category: "complaint", description: "Six of the 40 lobby armchairs delivered with scratched armrests." },
    openTodos: [{ text: "Confirm the replacement armchairs' delivery date with the warehouse", inDays: 1, hour: 10 }],
    doneTodos: [{ text: "Send photos of the damage to the manufacturer", daysAgo: 3, by: "manager" }],
    history: [
      { kind: "email_received", body: "Complaint with photos: scratches on six armchairs.", daysAgo: 5, by: "manager" },
      { kind: "call", body: "Apologised; promised replacements within two weeks.", daysAgo: 4, by: "manager" },
    ],
    invoices: [{ number: "DB-2026/0142", amount: "4860000", daysAgo: 40, paidDaysAgo: 25 }],
  },
  {
    name: "Kovács és Társa Bt.",
    email: "iroda@kovacsestarsa.hu",
    phone: "+36 62 455 120",
    taxNumber: "20331456-2-06",
    city: "Szeged",
    contacts: [{ name: "Kovács Zoltán", position: "Owner", phone: "+36 20 331 4455" }],
    status: "waiting_for_client",
    responsible: "normal",
    fields: { priority: "normal", channel: "phone", category: "warranty_claim", description: "Office chair gas lift sinks; under warranty until next spring." },
    openTodos: [{ text: "Call back if the serial number has not arrived", inDays: -1, hour: 9 }],
    doneTodos: [],
    history: [{ kind: "call", body: "Asked for the serial number and the receipt.", daysAgo: 6, by: "normal" }],
  },
  {
    name: "Szabó Éva",
    kind: "person",
    email: "szabo.eva@example.hu",
    phone: "+36 70 555 2103",
    city: "Debrecen",
    contacts: [],
    status: "new_request",
    responsible: null,
    fields: { priority: "low", channel: "web_form", category: "question", description: "Can the corner sofa's cover be ordered in another colour?" },
    openTodos: [{ text: "Answer about the available cover colours", inDays: 2, hour: 14 }],
    doneTodos: [],
    history: [],
  },
  {
    name: "Zöldliget Óvoda",
    email: "vezeto@zoldligetovi.hu",
    phone: "+36 96 410 887",
    city: "Győr",
    contacts: [
      { name: "Fekete Mária", position: "Head teacher", email: "vezeto@zoldligetovi.hu" },
      { name: "Balogh Tamás", position: "Caretaker", phone: "+36 30 998 1122" },
    ],
    status: "in_progress",
    responsible: "restricted",
    fields: { priority: "urgent", channel: "phone", category: "fault_report", description: "A wall shelf came loose in the playroom; nobody was hurt." },
    openTodos: [{ text: "Fitter visit: re-anchor the playroom shelves", inDays: 0, hour: 15 }],
    doneTodos: [{ text: "Book a fitter for the shelf repair", daysAgo: 1, by: "restricted" }],
    history: [{ kind: "call", body: "The caretaker reported the loose shelf; advised keeping the room closed.", daysAgo: 2, by: "restricted" }],
  },
  {
    name: "Tisza Panzió Kft.",
    email: "info@tiszapanzio.hu",
    phone: "+36 56 512 300",
    taxNumber: "14552890-2-16",
    city: "Szolnok",
    contacts: [{ name: "Molnár Péter", position: "Manager", email: "molnar.peter@tiszapanzio.hu", phone: "+36 30 221 6543" }],
    status: "solved",
    responsible: "admin",
    fields: { priority: "normal", channel: "email", category: "complaint", description: "Wrong bedside tables delivered (oak instead of walnut)." },
    openTodos: [],
    doneTodos: [
      { text: "Pick up the wrong bedside tables", daysAgo: 12, by: "admin" },
      { text: "Deliver the walnut bedside tables", daysAgo: 8, by: "admin" },
    ],
    history: [
      { kind: "email_received", body: "Reported the wrong finish on 12 bedside tables.", daysAgo: 15, by: "admin" },
      { kind: "note", body: "Client satisfied with the exchange; asked for a quote for wardrobes.", daysAgo: 7, by: "admin" },
    ],
    invoices: [
      { number: "DB-2026/0098", amount: "1320000", daysAgo: 60, paidDaysAgo: 45 },
      { number: "DB-2026/0177", amount: "215000", daysAgo: 6 },
    ],
  },
  {
    name: "Bakonyi Faipari Zrt.",
    email: "ertekesites@bakonyifa.hu",
    phone: "+36 88 567 900",
    taxNumber: "10987654-2-19",
    city: "Veszprém",
    contacts: [{ name: "Horváth Gergely", position: "Sales director", email: "horvath.gergely@bakonyifa.hu" }],
    status: "waiting_for_client",
    responsible: "manager",
    fields: { priority: "high", channel: "in_person", category: "question", description: "Supplier meeting about the late delivery of dining tables." },
    openTodos: [{ text: "Send the meeting minutes and the new schedule", inDays: -3, hour: 12 }],
    doneTodos: [],
    history: [{ kind: "meeting", body: "Met at their plant; they promise the tables by the end of the month.", daysAgo: 4, by: "manager" }],
  },
  {
    name: "Nagy Lakberendezés Kft.",
    email: "bolt@nagylakber.hu",
    phone: "+36 72 315 448",
    taxNumber: "23456120-2-02",
    city: "Pécs",
    contacts: [{ name: "Nagy Katalin", position: "Shop manager", phone: "+36 20 415 2299" }],
    status: "in_progress",
    responsible: null,
    fields: { priority: "normal", channel: "email", category: "warranty_claim" },
    openTodos: [{ text: "Check the warranty terms of the recliner mechanism", inDays: 3, hour: 11 }],
    doneTodos: [],
    history: [{ kind: "email_received", body: "Two recliners returned by their customers: the mechanism jams.", daysAgo: 3, by: "normal" }],
  },
  {
    name: "Kiss Ádám",
    kind: "person",
    email: "kiss.adam@example.hu",
    phone: "+36 30 876 5521",
    city: "Eger",
    contacts: [],
    status: "closed",
    responsible: "normal",
    fields: { priority: "low", channel: "phone", category: "question" },
    openTodos: [],
    doneTodos: [{ text: "Send the assembly instructions of the bunk bed", daysAgo: 20, by: "normal" }],
    history: [{ kind: "email_sent", body: "Assembly instructions sent as PDF.", daysAgo: 20, by: "normal" }],
  },
  {
    name: "Duna Irodaház Kft.",
    email: "uzemeltetes@dunairodahaz.hu",
    phone: "+36 1 450 7720",
    taxNumber: "25671234-2-42",
    city: "Budapest",
    contacts: [
      { name: "Tóth Andrea", position: "Facility manager", email: "toth.andrea@dunairodahaz.hu", phone: "+36 30 654 3210" },
      { name: "Simon László", position: "Finance", email: "simon.laszlo@dunairodahaz.hu" },
    ],
    status: "new_request",
    responsible: "restricted",
    fields: {
      priority: "high",
      channel: "web_form",
      category: "fault_report",
      description: "Height-adjustable desks on the 3rd floor stopped at their lowest position.",
    },
    openTodos: [{ text: "Ask for the desks' control unit model", inDays: 1, hour: 9 }],
    doneTodos: [],
    history: [],
    invoices: [{ number: "DB-2026/0120", amount: "9750000", daysAgo: 50, paidDaysAgo: 20 }],
  },
  {
    name: "Pannon Vendéglátó Kft.",
    email: "info@pannonvendeglato.hu",
    phone: "+36 94 508 112",
    taxNumber: "13579246-2-18",
    city: "Szombathely",
    contacts: [{ name: "Varga Béla", position: "Restaurant manager", phone: "+36 20 777 8899" }],
    status: "in_progress",
    responsible: "admin",
    fields: { priority: "normal", channel: "phone", category: "complaint", description: "Terrace chairs fade in the sun after one season." },
    openTodos: [{ text: "Offer UV-resistant replacement chairs at a discount", inDays: 5, hour: 13 }],
    doneTodos: [{ text: "Ask the manufacturer about the fading", daysAgo: 9, by: "admin" }],
    history: [
      { kind: "call", body: "Complaint about faded terrace chairs.", daysAgo: 11, by: "admin" },
      { kind: "email_received", body: "Manufacturer: the old model had no UV protection; the new one has.", daysAgo: 6, by: "admin" },
    ],
  },
  {
    name: "Sárga Ház Bútorbolt",
    email: "sargahaz@example.hu",
    phone: "+36 76 481 220",
    city: "Kecskemét",
    contacts: [{ name: "Oláh Erika", position: "Owner", email: "sargahaz@example.hu" }],
    status: "solved",
    responsible: null,
    fields: { priority: "low", channel: "email", category: "question" },
    openTodos: [],
    doneTodos: [{ text: "Send the new price list", daysAgo: 14, by: "manager" }],
    history: [{ kind: "note", body: "Reseller; interested in the autumn collection.", daysAgo: 14, by: "manager" }],
  },
  {
    name: "Alföldi Iskola Alapítvány",
    email: "titkarsag@alfoldiiskola.hu",
    phone: "+36 66 322 145",
    city: "Békéscsaba",
    contacts: [{ name: "Farkas Ildikó", position: "Secretary", email: "titkarsag@alfoldiiskola.hu", phone: "+36 66 322 145" }],
    status: "waiting_for_client",
    responsible: "normal",
    fields: { priority: "normal", channel: "email", category: "warranty_claim", description: "Classroom desks: loose screws on 15 desks." },
    openTodos: [{ text: "Remind them to send the list of the affected desks", inDays: -2, hour: 10 }],
    doneTodos: [],
    history: [{ kind: "email_sent", body: "Asked for a list of the affected desks with their room numbers.", daysAgo: 7, by: "normal" }],
  },
];

/** The clients' words in Hungarian (names, addresses and numbers are the same in both languages). */
const texts: SeedTexts = {
  hu: {
    Hungary: "Magyarország",
    // Contacts' positions
    "Purchasing manager": "Beszerzési vezető",
    Owner: "Tulajdonos",
    "Head teacher": "Óvodavezető",
    Caretaker: "Gondnok",
    Manager: "Ügyvezető",
    "Sales director": "Értékesítési igazgató",
    "Shop manager": "Boltvezető",
    "Facility manager": "Üzemeltetési vezető",
    Finance: "Pénzügy",
    "Restaurant manager": "Étteremvezető",
    Secretary: "Iskolatitkár",
    // Descriptions
    "Six of the 40 lobby armchairs delivered with scratched armrests.": "A 40 lobbifotelből hat karcos karfával érkezett.",
    "Office chair gas lift sinks; under warranty until next spring.": "Lesüllyed az irodai szék gázrugója; jövő tavaszig garanciális.",
    "Can the corner sofa's cover be ordered in another colour?": "Rendelhető-e a sarokkanapé huzata más színben?",
    "A wall shelf came loose in the playroom; nobody was hurt.": "Meglazult egy fali polc a játszószobában; senki sem sérült meg.",
    "Wrong bedside tables delivered (oak instead of walnut).": "Rossz éjjeliszekrények érkeztek (dió helyett tölgy).",
    "Supplier meeting about the late delivery of dining tables.": "Beszállítói egyeztetés az étkezőasztalok késedelmes szállításáról.",
    "Height-adjustable desks on the 3rd floor stopped at their lowest position.":
      "A 3. emeleten az állítható magasságú asztalok beragadtak a legalsó állásban.",
    "Terrace chairs fade in the sun after one season.": "A teraszszékek egy szezon alatt kifakulnak a napon.",
    "Classroom desks: loose screws on 15 desks.": "Tantermi padok: 15 padon lazák a csavarok.",
    // Todos
    "Confirm the replacement armchairs' delivery date with the warehouse": "Egyeztetni a raktárral a cserefotelek szállítási napját",
    "Send photos of the damage to the manufacturer": "Elküldeni a gyártónak a sérülésekről készült fotókat",
    "Call back if the serial number has not arrived": "Visszahívni, ha nem jött meg a sorozatszám",
    "Answer about the available cover colours": "Válaszolni a rendelhető huzatszínekről",
    "Fitter visit: re-anchor the playroom shelves": "Szerelői kiszállás: újrarögzíteni a játszószoba polcait",
    "Book a fitter for the shelf repair": "Szerelőt foglalni a polcjavításhoz",
    "Pick up the wrong bedside tables": "Elhozni a rossz éjjeliszekrényeket",
    "Deliver the walnut bedside tables": "Kiszállítani a dió éjjeliszekrényeket",
    "Send the meeting minutes and the new schedule": "Elküldeni az emlékeztetőt és az új ütemtervet",
    "Check the warranty terms of the recliner mechanism": "Utánanézni a relaxfotel-mechanika garanciális feltételeinek",
    "Send the assembly instructions of the bunk bed": "Elküldeni az emeletes ágy összeszerelési útmutatóját",
    "Ask for the desks' control unit model": "Elkérni az asztalok vezérlőegységének típusát",
    "Offer UV-resistant replacement chairs at a discount": "Kedvezményesen felajánlani UV-álló csereszékeket",
    "Ask the manufacturer about the fading": "Megkérdezni a gyártót a fakulásról",
    "Send the new price list": "Elküldeni az új árlistát",
    "Remind them to send the list of the affected desks": "Emlékeztetni őket, hogy küldjék el az érintett padok listáját",
    // History
    "Complaint with photos: scratches on six armchairs.": "Panasz fotókkal: hat fotel karcos.",
    "Apologised; promised replacements within two weeks.": "Elnézést kértünk; két héten belüli cserét ígértünk.",
    "Asked for the serial number and the receipt.": "Elkértük a sorozatszámot és a vásárlási bizonylatot.",
    "The caretaker reported the loose shelf; advised keeping the room closed.":
      "A gondnok jelezte a meglazult polcot; azt tanácsoltuk, tartsák zárva a termet.",
    "Reported the wrong finish on 12 bedside tables.": "Jelezték, hogy 12 éjjeliszekrény rossz színben érkezett.",
    "Client satisfied with the exchange; asked for a quote for wardrobes.": "Az ügyfél elégedett a cserével; árajánlatot kért gardróbszekrényekre.",
    "Met at their plant; they promise the tables by the end of the month.": "Találkozó az üzemükben; a hónap végéig ígérik az asztalokat.",
    "Two recliners returned by their customers: the mechanism jams.": "A vásárlóik két relaxfotelt vittek vissza: beragad a mechanika.",
    "Assembly instructions sent as PDF.": "Az összeszerelési útmutatót elküldtük PDF-ben.",
    "Complaint about faded terrace chairs.": "Panasz a kifakult teraszszékek miatt.",
    "Manufacturer: the old model had no UV protection; the new one has.": "Gyártó: a régi modell nem volt UV-álló, az új az.",
    "Reseller; interested in the autumn collection.": "Viszonteladó; érdekli az őszi kollekció.",
    "Asked for a list of the affected desks with their room numbers.": "Elkértük az érintett padok listáját a termek számával.",
  },
};


type Role = Exclude<Who, null>;

/**
 * The demo workspace's manual "Customer service" module with a dozen clients, made the way users
 * make them — through the services, in the caller's transaction: the clients (backdated), their
 * open and done todos, history and invoices, each change by the user who would have made it —
 * in the workspace's language, with the same keys in every language.
 */
export async function seedDemoClients(tx: Tx, workspaceId: string, locale: Locale, actors: Record<Role, UserActor>, now = new Date()): Promise<void> {
  const say = seedTextsIn(texts, locale);
  const template = templateFor("customer_service")!;
  const [module] = await tx
    .insert(modules)
    .values({ workspaceId, name: template.name[locale], kind: template.kind, position: initialRanks(1)[0]! })
    .returning({ id: modules.id });
  const moduleId = module!.id;
  await applyTemplate(tx, workspaceId, moduleId, template, locale);
  const statusRows = await tx.select().from(statuses).where(eq(statuses.moduleId, moduleId));
  // A working hour on the demo workspace's clock (its time zone: Budapest unless set otherwise).
  const at = (daysAgo: number, hour = 10) => localHourOn(now, -daysAgo, hour, DEMO_TIME_ZONE);
  const day = (daysAgo: number) => localDateText(localDateOf(at(daysAgo), DEMO_TIME_ZONE));

  const created = await createClients(
    tx,
    actors.admin,
    clients.map((c, index) => ({
      business: {
        kind: c.kind ?? "company",
        name: c.name,
        email: c.email ?? null,
        phone: c.phone ?? null,
        taxNumber: c.taxNumber ?? null,
        city: c.city,
        country: say("Hungary"),
      },
      contacts: c.contacts.map((p) => ({ name: p.name, position: p.position ? say(p.position) : null, email: p.email ?? null, phone: p.phone ?? null })),
      moduleId,
      statusId: statusRows.find((s) => s.key === c.status)!.id,
      responsibleUserId: c.responsible ? actors[c.responsible].userId : null,
      // Select fields hold option keys; only the description is words.
      fields: c.fields.description === undefined ? c.fields : { ...c.fields, description: say(c.fields.description) },
      createdAt: at(30 - index),
    })),
    now,
  );

  for (const [index, c] of clients.entries()) {
    const datasheetId = created[index]!.datasheetId;
    const owner = actors[c.responsible ?? "admin"];
    for (const todo of c.doneTodos) {
      const by = actors[todo.by];
      const { id } = await addTodo(tx, by, { datasheetId, text: say(todo.text), dueAt: at(todo.daysAgo, 14), assigneeUserId: by.userId });
      await completeTodo(tx, by, { todoId: id, version: 1 }, at(todo.daysAgo, 14));
    }
    for (const h of c.history) {
      await logHistory(tx, actors[h.by], { datasheetId, kind: h.kind, body: say(h.body), occurredAt: at(h.daysAgo, 11) }, now);
    }
    for (const todo of c.openTodos) {
      await addTodo(tx, owner, { datasheetId, text: say(todo.text), dueAt: at(-todo.inDays, todo.hour), assigneeUserId: null });
    }
    for (const inv of c.invoices ?? []) {
      const { id } = await addInvoice(tx, actors.admin, {
        datasheetId,
        number: inv.number,
        amount: `${inv.amount}.00`,
        currency: "HUF",
        issuedOn: day(inv.daysAgo),
        dueOn: day(inv.daysAgo - 15),
      });
      if (inv.paidDaysAgo !== undefined) await markInvoicePaid(tx, actors.admin, { invoiceId: id, paidOn: day(inv.paidDaysAgo) });
    }
  }
}
