// vacancy-search: the analytics page's only script. It adds a "PNG" download to each chart,
// drawn in the browser from the chart's inline SVG on a canvas (no library, no request). The
// page works without it: the SVG and CSV downloads are plain links.

/** The chart of `section` as a PNG data URL, at `scale` times its size. */
export async function chartPng(section, scale = 2) {
  const svg = section.querySelector(".figure svg");
  const box = svg.viewBox.baseVal;
  const xml = new XMLSerializer().serializeToString(svg);
  const image = new Image();
  const loaded = new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = () => reject(new Error("the chart could not be drawn"));
  });
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(xml);
  await loaded;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round(box.height * scale);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/png");
}

for (const link of document.querySelectorAll("a[data-format=png]")) {
  link.parentElement.hidden = false;
  link.addEventListener("click", async (event) => {
    if (link.getAttribute("href") !== "#") return; // already drawn: the browser downloads it
    event.preventDefault();
    link.href = await chartPng(link.closest("section"));
    link.click();
    link.setAttribute("href", "#"); // drawn again next time, after a resize or a new state
  });
}

window.chartPng = chartPng;
