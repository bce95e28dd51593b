import type { ComponentProps } from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "@/lib/ui/cn";
import { controlClasses } from "@/components/ui/input";

export type NativeSelectProps = ComponentProps<"select"> & {
  /** Classes for the wrapping div (e.g. width); `className` goes on the <select>. */
  wrapperClassName?: string;
};

export function NativeSelect({ className, wrapperClassName, children, ...props }: NativeSelectProps) {
  return (
    <div className={cn("relative w-full", wrapperClassName)}>
      <select
        className={cn(
          controlClasses,
          "h-9 cursor-pointer appearance-none py-1 pr-9 pl-3 pointer-coarse:h-10",
          "[&>option]:bg-background [&>option]:text-foreground",
          className,
        )}
        {...props}
      >
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
