import { getCurrentUser } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { getAvatar } from "@/lib/users/queries";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  try {
    const avatar = await getAvatar(user, (await params).id);
    if (!avatar) return new Response(null, { status: 404 });
    return new Response(Buffer.from(avatar.bytes), {
      headers: {
        "content-type": avatar.mime,
        // The URL carries the picture's version (?v=), so it can be cached for good.
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response(null, { status: 404 });
    throw error;
  }
}
