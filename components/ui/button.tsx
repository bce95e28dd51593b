import type { ComponentProps } from "react";
import { Slot } from "radix-ui";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/ui/cn";

export const buttonVariants = cva(
  [
    "inline-flex shrink-0 select-none items-center justify-center gap-1.5 whitespace-nowrap rounded-md border border-transparent",
    "text-sm font-medium transition-colors",
    "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
    "disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50",
    "[&_svg]:pointer-events-none [&_svg]:size-4 [&_svg]:shrink-0",
  ],
  {
    variants: {
      variant: {
        primary: "bg-primary text-primary-foreground shadow-xs hover:bg-primary/90",
        secondary: "bg-muted text-foreground hover:bg-accent",
        ghost: "bg-transparent text-foreground hover:bg-accent",
        danger: "bg-danger text-danger-foreground shadow-xs hover:bg-danger/90",
        outline: "border-border bg-background text-foreground shadow-xs hover:bg-accent",
      },
      size: {
        sm: "h-8 px-3 pointer-coarse:h-10",
        md: "h-9 px-4 pointer-coarse:h-10",
        icon: "size-9 pointer-coarse:size-10",
      },
      /**
       * A page's or form's main action (New client, Save, Add todo, Sign in): at least 44 px high and
       * wide on a phone, where a thumb aims at it; as dense as its size on a larger screen. A minimum,
       * so it stacks with any size (and its touch-screen height) without depending on CSS order.
       */
      isPrimaryAction: {
        true: "max-sm:min-h-11 max-sm:min-w-11",
        false: "",
      },
    },
    defaultVariants: { variant: "primary", size: "md", isPrimaryAction: false },
  },
);

export type ButtonProps = ComponentProps<"button"> &
  VariantProps<typeof buttonVariants> & {
    /** Render the single child element (e.g. a Link) with button styling. */
    asChild?: boolean;
  };

export function Button({ className, variant, size, isPrimaryAction, asChild = false, ...props }: ButtonProps) {
  const Comp = asChild ? Slot.Root : "button";
  return <Comp className={cn(buttonVariants({ variant, size, isPrimaryAction }), className)} {...props} />;
}
