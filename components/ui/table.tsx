import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

export type TableProps = ComponentProps<"table"> & {
  /**
   * Accessible name for the horizontally scrollable region (keyboard users can
   * focus and scroll it). Recommended when the table may overflow on phones.
   */
  scrollLabel?: string;
  wrapperClassName?: string;
};

export function Table({ className, scrollLabel, wrapperClassName, ...props }: TableProps) {
  return (
    <div
      role={scrollLabel ? "region" : undefined}
      aria-label={scrollLabel}
      tabIndex={0}
      className={cn(
        "relative w-full overflow-x-auto rounded-[inherit]",
        "outline-none focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
        wrapperClassName,
      )}
    >
      <table className={cn("w-full caption-bottom border-collapse text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("[&_tr]:border-b [&_tr]:border-border [&_tr]:hover:bg-transparent", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      className={cn(
        "border-b border-border transition-colors hover:bg-muted data-[state=selected]:bg-muted",
        className,
      )}
      {...props}
    />
  );
}

export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-9 px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-muted-foreground",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-3 py-2 align-middle text-foreground", className)} {...props} />;
}
