import type { ComponentProps, CSSProperties } from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/ui/cn";
import { parseHex, readableTextColor } from "@/lib/ui/contrast";

export const badgeVariants = cva(
  "inline-flex max-w-full shrink-0 items-center gap-1 overflow-hidden rounded-md border px-1.5 py-0.5 text-xs leading-4 font-medium whitespace-nowrap [&_svg]:size-3 [&_svg]:shrink-0",
  {
    variants: {
      variant: {
        neutral: "border-border bg-muted text-foreground",
        success: "border-success/25 bg-success/10 text-success",
        warning: "border-warning/25 bg-warning/10 text-warning",
        danger: "border-danger/25 bg-danger/10 text-danger",
        info: "border-primary/25 bg-primary/10 text-primary",
      },
    },
    defaultVariants: { variant: "neutral" },
  },
);

export type BadgeProps = ComponentProps<"span"> & VariantProps<typeof badgeVariants>;

export function Badge({ className, variant, ...props }: BadgeProps) {
  return <span className={cn(badgeVariants({ variant }), className)} {...props} />;
}

export type ColorChipProps = Omit<ComponentProps<"span">, "color"> & {
  /** Background colour as #rgb / #rrggbb. Invalid values fall back to a neutral chip. */
  color: string;
};

/** Pill with an arbitrary (user-chosen) background; text is black or white for AA contrast. */
export function ColorChip({ color, className, style, ...props }: ColorChipProps) {
  const valid = parseHex(color) !== null;
  const chipStyle: CSSProperties | undefined = valid
    ? { backgroundColor: color, color: readableTextColor(color), ...style }
    : style;
  return (
    <span
      className={cn(
        "inline-block max-w-full shrink-0 truncate rounded-full px-2 align-middle py-0.5 text-xs leading-4 font-medium whitespace-nowrap",
        !valid && "bg-muted text-foreground",
        className,
      )}
      style={chipStyle}
      {...props}
    />
  );
}
