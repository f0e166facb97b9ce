/* Online-Akte registration: a password strength hint while typing (no libraries).
   Only a hint: the server decides (kanzlei.akte.accounts.passwords). */
(function () {
  "use strict";
  var input = document.getElementById("akte-password");
  var hint = document.getElementById("akte-password-strength");
  var userInput = document.getElementById("akte-username");
  if (!input || !hint) {
    return;
  }
  var rows = ["1234567890", "qwertzuiop", "qwertyuiop", "asdfghjkl", "yxcvbnm",
    "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];
  var common = ["passwort", "password", "hallo", "geheim", "schatz", "sommer",
    "winter", "fussball", "iloveyou", "ichliebedich", "willkommen", "letmein",
    "qwertz", "qwerty", "monkey", "dragon", "master", "admin"];

  function trivial(pw) {
    var lower = pw.toLowerCase();
    var distinct = {};
    for (var i = 0; i < lower.length; i++) {
      distinct[lower[i]] = true;
    }
    if (Object.keys(distinct).length <= 2) {
      return true;
    }
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r];
      var reversed = row.split("").reverse().join("");
      if (row.indexOf(lower) !== -1 || reversed.indexOf(lower) !== -1) {
        return true;
      }
    }
    for (var c = 0; c < common.length; c++) {
      if (lower.replace(/[^a-zäöüß]/g, "") === common[c]) {
        return true;
      }
    }
    var user = userInput ? userInput.value.toLowerCase() : "";
    return user.length >= 3 && lower.indexOf(user) !== -1;
  }

  function score(pw) {
    if (pw.length < 8) {
      return "short";
    }
    if (trivial(pw)) {
      return "weak";
    }
    var classes = 0;
    [/[a-zäöüß]/, /[A-ZÄÖÜ]/, /[0-9]/, /[^A-Za-z0-9äöüßÄÖÜ]/].forEach(function (re) {
      if (re.test(pw)) {
        classes += 1;
      }
    });
    var points = pw.length + classes * 3;
    if (pw.length >= 20 || points >= 28) {
      return "very-strong";
    }
    if (points >= 20) {
      return "strong";
    }
    if (points >= 14) {
      return "medium";
    }
    return "weak";
  }

  function update() {
    var pw = input.value;
    if (!pw) {
      hint.textContent = "";
      hint.removeAttribute("data-strength");
      hint.classList.remove("text-danger", "text-warning", "text-success");
      return;
    }
    var level = score(pw);
    hint.setAttribute("data-strength", level);
    hint.textContent = hint.getAttribute("data-label-" + level) || "";
    hint.classList.remove("text-danger", "text-warning", "text-success");
    hint.classList.add(colors[level]);
  }

  var colors = {
    "short": "text-danger",
    "weak": "text-danger",
    "medium": "text-warning",
    "strong": "text-success",
    "very-strong": "text-success"
  };

  input.addEventListener("input", update);
  if (userInput) {
    userInput.addEventListener("input", update);
  }

  // A field's old error message goes away as soon as the field is changed.
  var form = input.form;
  if (form) {
    form.addEventListener("input", function (event) {
      event.target.classList.remove("is-invalid");
      var field = event.target.closest(".field");
      var feedback = field ? field.querySelector(".invalid-feedback") : null;
      if (feedback) {
        feedback.hidden = true;
        feedback.style.display = "none";
      }
    });
  }
}());
