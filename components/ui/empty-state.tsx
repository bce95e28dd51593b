import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

export interface EmptyStateProps {
  title: string;
  description?: string;
  action?: ReactNode;
  /** Optional decorative icon (rendered aria-hidden). */
  icon?: ReactNode;
  /** Title element; default h2. */
  titleAs?: "h2" | "h3" | "p";
  className?: string;
}

export function EmptyState({ title, description, action, icon, titleAs: Title = "h2", className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-border px-6 py-10 text-center",
        className,
      )}
    >
      {icon ? (
        <div
          aria-hidden="true"
          className="mb-1 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5"
        >
          {icon}
        </div>
      ) : null}
      <Title className="text-sm font-semibold text-foreground">{title}</Title>
      {description ? <p className="max-w-sm text-sm text-muted-foreground">{description}</p> : null}
      {action ? <div className="mt-2 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
