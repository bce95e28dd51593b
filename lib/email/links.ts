/**
 * Click tracking: every http(s) link of an HTML email is pointed at the click-through route, and
 * the target URLs are kept with the email (a click can only lead to one of them). The unsubscribe
 * link (marked `data-unsubscribe`, or a template's `{{unsubscribe_url}}`: the app's /unsubscribe/<token>)
 * and mailto: links stay as they are: leaving is not engagement.
 */
const UNSUBSCRIBE_PAGE = /^https?:\/\/[^/]+\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function trackLinks(html: string, trackedUrl: (index: number) => string): { html: string; links: string[] } {
  const links: string[] = [];
  const out = html.replace(/<a\b[^>]*>/gi, (tag) => {
    if (/\sdata-unsubscribe(=|\s|>)/i.test(tag)) return tag;
    return tag.replace(/\shref="(https?:\/\/[^"]+)"/i, (attribute, href: string) => {
      const url = decodeEntities(href);
      if (UNSUBSCRIBE_PAGE.test(url)) return attribute;
      let index = links.indexOf(url);
      if (index === -1) index = links.push(url) - 1;
      return ` href="${trackedUrl(index)}"`;
    });
  });
  return { html: out, links };
}

/** React escapes attribute values; the stored URL is the one a browser would follow. */
function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The 1×1 open pixel, just before `</body>`. */
export function addOpenPixel(html: string, pixelUrl: string): string {
  const pixel = `<img src="${pixelUrl}" width="1" height="1" alt="" data-open-pixel="" style="display:block;height:1px;width:1px;border:0" />`;
  return html.includes("</body>") ? html.replace("</body>", `${pixel}</body>`) : html + pixel;
}

/** For the mailbox: the stored HTML without its open pixel, so reading it there is no "open". */
export function withoutOpenPixel(html: string): string {
  return html.replace(/<img [^>]*data-open-pixel=""[^>]*\/?>/g, "");
}
