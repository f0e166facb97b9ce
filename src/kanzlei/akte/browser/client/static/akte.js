/* Client pages of the Online-Akte: select all, upload with drag and drop and progress. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function setupSelectAll() {
    var all = document.getElementById("akte-select-all");
    if (!all) { return; }
    all.addEventListener("change", function () {
      document.querySelectorAll('.akte-docs input[name="uid:list"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }

  function extensionOf(name) {
    var dot = name.lastIndexOf(".");
    return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
  }

  function setupUpload() {
    var form = document.querySelector("form.akte-upload");
    if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
    var input = form.querySelector('input[type="file"]');
    var zone = form.querySelector(".akte-dropzone");
    var list = form.querySelector(".akte-upload-list");
    var maxBytes = parseInt(form.dataset.maxMb, 10) * 1024 * 1024;
    var allowed = (form.dataset.extensions || "").split(",");
    var token = form.querySelector('input[name="_authenticator"]').value;
    var comment = form.querySelector('textarea[name="kommentar"]');
    var uploadedUids = [];
    var failed = false;

    function row(file) {
      var li = document.createElement("li");
      var name = document.createElement("span");
      name.className = "akte-upload-name";
      name.textContent = file.name + " ";
      var status = document.createElement("span");
      status.className = "akte-upload-status";
      status.setAttribute("role", "status");
      li.appendChild(name);
      li.appendChild(status);
      list.appendChild(li);
      return { li: li, status: status };
    }

    function refuse(ui, message) {
      ui.li.classList.add("akte-refused");
      ui.status.className = "akte-error";
      ui.status.textContent = message;
    }

    function send(file, ui) {
      return new Promise(function (resolve) {
        var bar = document.createElement("progress");
        bar.max = 100;
        bar.value = 0;
        bar.setAttribute("aria-label", file.name);
        ui.li.appendChild(bar);
        ui.status.className = "akte-upload-status";
        ui.status.textContent = "0 %";
        var data = new FormData();
        data.append("_authenticator", token);
        data.append("datei", file, file.name);
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) {
            bar.value = Math.round((event.loaded / event.total) * 100);
            ui.status.textContent = bar.value + " %";
          }
        });
        function failedWith(message) {
          failed = true;
          bar.remove();
          refuse(ui, message || form.dataset.msgFailed);
          var retry = document.createElement("button");
          retry.type = "button";
          retry.className = "akte-button akte-secondary akte-retry";
          retry.textContent = form.dataset.msgRetry;
          retry.addEventListener("click", function () {
            retry.remove();
            ui.li.classList.remove("akte-refused");
            send(file, ui).then(function () { finish(); });
          });
          ui.li.appendChild(retry);
          resolve(false);
        }
        xhr.addEventListener("load", function () {
          var reply = null;
          try { reply = JSON.parse(xhr.responseText); } catch (e) { reply = null; }
          if (xhr.status === 200 && reply && reply.ok) {
            bar.value = 100;
            ui.li.classList.add("akte-done");
            ui.status.className = "akte-ok";
            ui.status.textContent = "100 % – " + form.dataset.msgDone;
            reply.documents.forEach(function (doc) { uploadedUids.push(doc.uid); });
            resolve(true);
          } else {
            failedWith(reply && reply.message);
          }
        });
        xhr.addEventListener("error", function () { failedWith(null); });
        xhr.send(data);
      });
    }

    function finish() {
      var text = comment ? comment.value.trim() : "";
      if (!text || !uploadedUids.length) { return Promise.resolve(); }
      var data = new FormData();
      data.append("_authenticator", token);
      data.append("betreff", form.dataset.msgCommentTitle);
      data.append("text", text);
      uploadedUids.forEach(function (uid) { data.append("dokument_uid:list", uid); });
      uploadedUids = [];
      return fetch(form.dataset.messageUrl, {
        method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (response) {
        if (response.ok) { comment.value = ""; }
      });
    }

    function handle(files) {
      var jobs = [];
      failed = false;
      Array.prototype.forEach.call(files, function (file) {
        var ui = row(file);
        if (allowed.indexOf(extensionOf(file.name)) < 0) {
          refuse(ui, form.dataset.msgBadType);
        } else if (file.size > maxBytes) {
          refuse(ui, form.dataset.msgTooBig);
        } else {
          jobs.push(send(file, ui));
        }
      });
      input.value = "";
      Promise.all(jobs).then(function () { return finish(); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.files.length) { handle(input.files); }
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("akte-dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.remove("akte-dragover");
      });
    });
    zone.addEventListener("drop", function (event) {
      if (event.dataTransfer && event.dataTransfer.files.length) { handle(event.dataTransfer.files); }
    });
  }

  ready(function () {
    setupSelectAll();
    setupUpload();
  });
})();
