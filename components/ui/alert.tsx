import type { ComponentProps } from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { cn } from "@/lib/ui/cn";

export const alertVariants = cva("flex w-full items-start gap-2.5 rounded-lg border px-3.5 py-3 text-sm leading-5", {
  variants: {
    variant: {
      error: "border-danger/30 bg-danger/10 text-danger",
      success: "border-success/30 bg-success/10 text-success",
      info: "border-primary/30 bg-primary/10 text-primary",
      warning: "border-warning/30 bg-warning/10 text-warning",
    },
  },
  defaultVariants: { variant: "info" },
});

const ICONS = { error: CircleAlert, success: CircleCheck, info: Info, warning: TriangleAlert } as const;

export type AlertProps = ComponentProps<"div"> &
  VariantProps<typeof alertVariants> & {
    /** Optional bold first line. */
    title?: string;
    "data-testid"?: string;
  };

/** Pass `role="alert"` (errors) or `role="status"` when the alert appears dynamically. */
export function Alert({ className, variant, title, children, ...props }: AlertProps) {
  const Icon = ICONS[variant ?? "info"];
  return (
    <div className={cn(alertVariants({ variant }), className)} {...props}>
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1 space-y-0.5">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="break-words">{children}</div> : null}
      </div>
    </div>
  );
}
