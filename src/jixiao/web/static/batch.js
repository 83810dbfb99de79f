// Polls a running batch's progress and reloads the page when it ends (批次进度).
(function () {
  var el = document.getElementById("progress");
  if (!el || el.dataset.state !== "running") return;
  function poll() {
    fetch(el.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (d) {
      el.dataset.done = d.done; el.dataset.total = d.total;
      el.querySelector(".count").textContent = d.done + " / " + d.total;
      var bar = el.querySelector("progress"); bar.max = d.total || 1; bar.value = d.done;
      if (d.state !== "running") { location.reload(); } else { setTimeout(poll, 1000); }
    });
  }
  setTimeout(poll, 1000);
})();
