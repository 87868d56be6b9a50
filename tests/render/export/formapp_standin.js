// A recording stand-in of Google Apps Script's FormApp and Logger, for running google-forms.gs
// outside Google. Each object has only the methods of the real class that the tests expect the
// script to use (names and argument types as in the Apps Script reference), so a misspelt or
// invented method fails with a TypeError, and a wrong argument type fails loudly.
// After createQuiz() runs, STANDIN.forms holds what was built, as plain data.

var STANDIN = { forms: [], log: [] };

function expect(kind, value, what) {
  if (typeof value !== kind) {
    throw new TypeError(what + ": expected a " + kind + ", got " + JSON.stringify(value));
  }
}

function StandinItem(type) {
  this.record = { type: type, title: null, help: "", required: false };
}
StandinItem.prototype.setTitle = function (title) {
  expect("string", title, this.record.type + ".setTitle");
  this.record.title = title;
  return this;
};
StandinItem.prototype.setHelpText = function (text) {
  expect("string", text, this.record.type + ".setHelpText");
  this.record.help = text;
  return this;
};

function TextItem() { StandinItem.call(this, "TEXT"); }
TextItem.prototype = Object.create(StandinItem.prototype);
TextItem.prototype.setRequired = function (enabled) {
  expect("boolean", enabled, "TextItem.setRequired");
  this.record.required = enabled;
  return this;
};

function PageBreakItem() { StandinItem.call(this, "PAGE_BREAK"); }
PageBreakItem.prototype = Object.create(StandinItem.prototype);

function Choice(value, isCorrect) {
  this.value = value;
  this.isCorrect = isCorrect;
}

function QuizFeedback(text) { this.text = text; }

function QuizFeedbackBuilder() { this.text = null; }
QuizFeedbackBuilder.prototype.setText = function (text) {
  expect("string", text, "QuizFeedbackBuilder.setText");
  this.text = text;
  return this;
};
QuizFeedbackBuilder.prototype.build = function () { return new QuizFeedback(this.text); };

function MultipleChoiceItem() {
  StandinItem.call(this, "MULTIPLE_CHOICE");
  this.record.points = 0;
  this.record.choices = [];
  this.record.feedbackCorrect = null;
  this.record.feedbackIncorrect = null;
}
MultipleChoiceItem.prototype = Object.create(StandinItem.prototype);
MultipleChoiceItem.prototype.setRequired = TextItem.prototype.setRequired;
MultipleChoiceItem.prototype.setPoints = function (points) {
  if (!Number.isInteger(points)) throw new TypeError("setPoints: expected an integer, got " + points);
  this.record.points = points;
  return this;
};
MultipleChoiceItem.prototype.createChoice = function (value, isCorrect) {
  expect("string", value, "createChoice value");
  expect("boolean", isCorrect, "createChoice isCorrect");
  return new Choice(value, isCorrect);
};
MultipleChoiceItem.prototype.setChoices = function (choices) {
  if (!Array.isArray(choices) || choices.some(function (c) { return !(c instanceof Choice); })) {
    throw new TypeError("setChoices: expected an array of Choice");
  }
  this.record.choices = choices.map(function (c) { return { value: c.value, isCorrect: c.isCorrect }; });
  return this;
};
function feedbackSetter(field) {
  return function (feedback) {
    if (!(feedback instanceof QuizFeedback)) throw new TypeError(field + ": expected a QuizFeedback");
    this.record[field] = feedback.text;
    return this;
  };
}
MultipleChoiceItem.prototype.setFeedbackForCorrect = feedbackSetter("feedbackCorrect");
MultipleChoiceItem.prototype.setFeedbackForIncorrect = feedbackSetter("feedbackIncorrect");

function Form(title) {
  this.record = { title: title, isQuiz: false, description: "", progressBar: false, items: [] };
  this.items = [];
}
Form.prototype.setIsQuiz = function (enabled) {
  expect("boolean", enabled, "Form.setIsQuiz");
  this.record.isQuiz = enabled;
  return this;
};
Form.prototype.setDescription = function (description) {
  expect("string", description, "Form.setDescription");
  this.record.description = description;
  return this;
};
Form.prototype.setProgressBar = function (enabled) {
  expect("boolean", enabled, "Form.setProgressBar");
  this.record.progressBar = enabled;
  return this;
};
function appended(form, item) {
  form.items.push(item);
  return item;
}
Form.prototype.addTextItem = function () { return appended(this, new TextItem()); };
Form.prototype.addPageBreakItem = function () { return appended(this, new PageBreakItem()); };
Form.prototype.addMultipleChoiceItem = function () { return appended(this, new MultipleChoiceItem()); };
Form.prototype.getEditUrl = function () { return "https://docs.google.com/forms/d/standin/edit"; };

var FormApp = {
  create: function (title) {
    expect("string", title, "FormApp.create");
    var form = new Form(title);
    STANDIN.forms.push(form);
    return form;
  },
  createFeedback: function () { return new QuizFeedbackBuilder(); },
};

var Logger = {
  log: function (message) { STANDIN.log.push(String(message)); },
};

function standinResult() {
  return JSON.stringify({
    forms: STANDIN.forms.map(function (form) {
      var record = form.record;
      record.items = form.items.map(function (item) { return item.record; });
      return record;
    }),
    log: STANDIN.log,
  });
}
