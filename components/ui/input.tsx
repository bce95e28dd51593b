import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

/** Shared look for text-like controls (Input, Textarea, NativeSelect). */
export const controlClasses = cn(
  "w-full min-w-0 rounded-md border border-input bg-background text-foreground shadow-xs",
  "text-base sm:text-sm placeholder:text-muted-foreground",
  "outline-none transition-colors focus-visible:border-ring focus-visible:outline-2 focus-visible:-outline-offset-1 focus-visible:outline-ring",
  "aria-invalid:border-danger aria-invalid:focus-visible:outline-danger",
  "disabled:cursor-not-allowed disabled:bg-muted disabled:opacity-60",
);

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      className={cn(
        controlClasses,
        "h-9 px-3 py-1 pointer-coarse:h-10",
        "file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground",
        className,
      )}
      {...props}
    />
  );
}
