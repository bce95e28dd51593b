import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/actor";
import { getNewClientOptions } from "@/lib/datasheets/new-client-options";
import { getDatasheetPage, type DatasheetPage } from "@/lib/datasheets/page";
import { NotFoundError } from "@/lib/errors";
import { ClientHistory } from "./_components/client-history";
import { ContactsCard } from "./_components/contacts-card";
import { DatasheetHeader } from "./_components/datasheet-header";
import { FieldsCard } from "./_components/fields-card";
import { DatasheetEmails } from "./_components/datasheet-emails";
import { InvoicesCard } from "./_components/invoices-card";
import { PeopleProvider } from "./_components/page-ui";
import { StatusWhy } from "./_components/status-why";
import { WhatHappensNext } from "./_components/what-happens-next";

type Props = { params: Promise<{ id: string }> };

/** Missing, another workspace's, trashed or out of a restricted user's reach: the same Not found. */
const load = cache(async (id: string): Promise<DatasheetPage> => {
  const user = await requireUser();
  try {
    return await getDatasheetPage(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await load((await params).id);
  return { title: page.business.name };
}

export default async function DatasheetRoute({ params }: Props) {
  const user = await requireUser();
  const page = await load((await params).id);
  const options = await getNewClientOptions(user);
  const now = new Date();
  return (
    <PeopleProvider people={page.people}>
      <div className="mx-auto max-w-6xl space-y-5">
        <DatasheetHeader page={page} team={options.team} modules={options.modules} />
        <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <ClientHistory page={page} team={options.team} now={now} />
          <div className="space-y-5">
            {page.module.isAutomatic ? <StatusWhy status={page.status} changes={page.statusChanges} /> : null}
            <WhatHappensNext actor={user} datasheetId={page.datasheet.id} />
            <DatasheetEmails actor={user} datasheetId={page.datasheet.id} />
            <ContactsCard datasheetId={page.datasheet.id} contacts={page.contacts} />
            {/* The automatic module's own fields are set in the header. */}
            <FieldsCard datasheetId={page.datasheet.id} version={page.datasheet.version} fields={page.module.isAutomatic ? page.fields.filter((f) => !f.isSystem) : page.fields} team={options.team} />
            <InvoicesCard datasheetId={page.datasheet.id} invoices={page.invoices} currency={user.currency} />
          </div>
        </div>
      </div>
    </PeopleProvider>
  );
}
