"use client";

import { Avatar } from "radix-ui";
import { cn } from "@/lib/ui/cn";
import { readableTextColor } from "@/lib/ui/contrast";

const SIZES = {
  xs: "size-5 text-[0.5625rem]",
  sm: "size-6 text-[0.625rem]",
  md: "size-8 text-xs",
  lg: "size-10 text-sm",
} as const;

const PALETTE = [
  "#4f46e5", "#0e7490", "#15803d", "#b45309", "#be185d", "#7c3aed",
  "#0369a1", "#a16207", "#c2410c", "#4d7c0f", "#9333ea", "#475569",
] as const;

/** Up to two initials; Unicode-aware (e.g. "Ágnes Őri" → "ÁŐ"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return "?";
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (w: string) => Array.from(w)[0] ?? "";
  return (letter(first) + (last ? letter(last) : "")).toLocaleUpperCase();
}

/** Deterministic palette colour for a name (FNV-1a hash). */
export function avatarColor(name: string): string {
  let hash = 0x811c9dc5;
  for (const ch of name.trim().toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0];
}

export interface UserAvatarProps {
  name: string;
  src?: string | null;
  size?: keyof typeof SIZES;
  /** Set when the name is already shown next to the avatar: hides it from assistive tech. */
  decorative?: boolean;
  className?: string;
}

export function UserAvatar({ name, src, size = "md", decorative = false, className }: UserAvatarProps) {
  const bg = avatarColor(name);
  return (
    <Avatar.Root
      className={cn(
        "relative inline-flex shrink-0 select-none items-center justify-center overflow-hidden rounded-full align-middle",
        SIZES[size],
        className,
      )}
      aria-hidden={decorative ? true : undefined}
    >
      {src ? (
        <Avatar.Image src={src} alt={decorative ? "" : name} className="size-full object-cover" />
      ) : null}
      <Avatar.Fallback
        role={decorative ? undefined : "img"}
        aria-label={decorative ? undefined : name}
        className="flex size-full items-center justify-center leading-none font-semibold"
        style={{ backgroundColor: bg, color: readableTextColor(bg) }}
      >
        {decorative ? (
          // Drawn as generated content, not text: inside a labelled control (the account menu's
          // trigger) the initials would otherwise count as visible label text (WCAG 2.5.3).
          <span data-initials={initialsOf(name)} className="before:content-[attr(data-initials)]" />
        ) : (
          initialsOf(name)
        )}
      </Avatar.Fallback>
    </Avatar.Root>
  );
}
